import { chinaDate, chinaMonth, DECISION_ACTIONS, type ApplicationStatus, type ProgramKind } from '@minsheng/shared';

/**
 * What one application adds to the statistics counters, as counter paths
 * under a bucket's `c`: `<community>.<street>.<kind>.s.<status>.<figure>`
 * for counts and money, `<community>.<street>.<kind>.w.<minutes>` for the
 * wait to its first decision (in whole minutes, for the median). A step
 * moves the counters by the difference between the application's cells
 * before and after it.
 */

/** The figures a status cell holds, summed over its applications. */
export const CELL_FIGURES = [
  'n',
  'decided',
  'approved',
  'borrowers',
  'approvedFen',
  'disbursedFen',
  'repaidFen',
  'outstandingFen',
  'completions',
  'subsidyDueFen',
  'subsidyPaid',
  'paidFen',
] as const;
export type CellFigure = (typeof CELL_FIGURES)[number];

/** Counter path → amount. */
export type Cells = Record<string, number>;

/** What the counters read of an application. */
export interface CountedApplication {
  kind: ProgramKind;
  status: ApplicationStatus;
  street: string;
  community: string;
  submittedAt: Date;
  history?: { action?: string | null; to?: string | null; at?: Date | null }[] | null;
  loan?: { approvedFen?: unknown; disbursedFen?: unknown; repaidFen?: unknown; outstandingFen?: unknown } | null;
  training?: { completedOn?: unknown; subsidyDueFen?: unknown } | null;
  subsidy?: { paidFen?: unknown } | null;
}

const DECISIONS = new Set<string>(DECISION_ACTIONS);

/** Kind-specific records are free-form: only safe integers count as money. */
export function fen(value: unknown): number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : 0;
}

/** A name as one segment of a counter path: no dots, no leading `$`. */
export function pathSegment(name: string): string {
  return name.replace(/\./g, '\uFF0E').replace(/^\$/, '\uFF04');
}

/** The name a path segment stands for. */
export function segmentName(segment: string): string {
  return segment.replace(/\uFF0E/g, '.').replace(/^\uFF04/, '$');
}

/** The month and day buckets an application counts in: of its submission, China time. */
export function bucketsOf(app: Pick<CountedApplication, 'submittedAt'>): { month: string; day: string } {
  return { month: chinaMonth(app.submittedAt), day: chinaDate(app.submittedAt) };
}

/** The counter paths and amounts of one application as it is now. */
export function cellsOf(app: CountedApplication): Cells {
  const base = `${pathSegment(app.community)}.${pathSegment(app.street)}.${app.kind}`;
  const cell = `${base}.s.${app.status}`;
  const figures: Partial<Record<CellFigure, number>> = { n: 1 };
  const history = app.history ?? [];
  const first = history.find((h) => typeof h.action === 'string' && DECISIONS.has(h.action));
  if (first) {
    figures.decided = 1;
    if (history.some((h) => h.to === 'approved')) figures.approved = 1;
  }
  if (app.kind === 'loan' && app.loan) {
    const disbursed = fen(app.loan.disbursedFen);
    if (disbursed > 0) figures.borrowers = 1;
    figures.approvedFen = fen(app.loan.approvedFen);
    figures.disbursedFen = disbursed;
    figures.repaidFen = fen(app.loan.repaidFen);
    figures.outstandingFen = fen(app.loan.outstandingFen);
  }
  if (app.kind === 'training' && typeof app.training?.completedOn === 'string') {
    figures.completions = 1;
    figures.subsidyDueFen = fen(app.training.subsidyDueFen);
  }
  if (app.kind === 'subsidy') {
    const paid = fen(app.subsidy?.paidFen);
    if (paid > 0) figures.subsidyPaid = 1;
    figures.paidFen = paid;
  }
  const cells: Cells = {};
  for (const [figure, amount] of Object.entries(figures)) if (amount !== 0) cells[`${cell}.${figure}`] = amount;
  if (first?.at instanceof Date) {
    const minutes = Math.floor(Math.max(0, first.at.getTime() - app.submittedAt.getTime()) / 60_000);
    cells[`${base}.w.${minutes}`] = 1;
  }
  return cells;
}

/** What to `$inc` to go from `before` to `after` (non-zero amounts only). */
export function diffCells(before: Cells, after: Cells): Cells {
  const out: Cells = {};
  for (const [path, amount] of Object.entries(after)) out[path] = amount - (before[path] ?? 0);
  for (const [path, amount] of Object.entries(before)) if (!(path in after)) out[path] = -amount;
  for (const path of Object.keys(out)) if (out[path] === 0) delete out[path];
  return out;
}

/** Adds `cells` into the nested shape a bucket's `c` has in the database. */
export function addCells(into: Record<string, unknown>, cells: Cells): void {
  for (const [path, amount] of Object.entries(cells)) {
    const keys = path.split('.');
    const leaf = keys.pop() ?? '';
    let node = into;
    for (const key of keys) {
      const next = node[key];
      if (next && typeof next === 'object') node = next as Record<string, unknown>;
      else node = node[key] = {};
    }
    node[leaf] = (typeof node[leaf] === 'number' ? (node[leaf] as number) : 0) + amount;
  }
}
