import { chinaDate, chinaMonth, DECISION_ACTIONS, type ApplicationStatus, type ProgramKind } from '@minsheng/shared';

/**
 * What one application adds to the statistics counters, as counter paths
 * under a bucket's `c`: `<community>.<street>.<kind>.s.<status>` for the
 * count by status, `<community>.<street>.<kind>.f.<figure>` for the other
 * figures (the page sums them over the statuses), and
 * `<community>.<street>.<kind>.w.<bucket>` for the wait to its first decision
 * in a bounded histogram (`waitBucket`, for the median). A step moves the
 * counters by the difference between the application's cells before and
 * after it.
 *
 * Every counter path is one of a fixed set, whatever the volume: a month
 * bucket of one community holds at most (streets × kinds) × (statuses +
 * figures + WAIT_BUCKETS) keys. The waits were once one key per distinct
 * minute, which grew a month's bucket to 88 KB at 100,000 applications
 * (docs/PERFORMANCE.md, 2026-12-03): FerretDB decodes and re-encodes the
 * whole document for each `$inc` and the statistics page decodes it.
 */

/** The figures a cell holds beside its counts by status, summed over its applications. */
export const CELL_FIGURES = [
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

const HOUR_MINUTES = 60;
const DAY_MINUTES = 24 * HOUR_MINUTES;
/** Waits of this many days or more share the last bucket. */
export const WAIT_DAYS_CAP = 365;

/**
 * The wait histogram's bucket of a wait, named by its lower bound in whole
 * minutes: by the minute below an hour, by the hour below two days, by the
 * day up to WAIT_DAYS_CAP days, and one bucket beyond. That is at most
 * 60 + 47 + 364 buckets per cell; the median read from them (`waitMinutes`)
 * is within 30 minutes of the exact one below two days and within 12 hours
 * after (exact to the minute below an hour).
 */
export function waitBucket(waitMs: number): number {
  const minutes = Math.floor(Math.max(0, waitMs) / 60_000);
  if (minutes < HOUR_MINUTES) return minutes;
  if (minutes < 2 * DAY_MINUTES) return Math.floor(minutes / HOUR_MINUTES) * HOUR_MINUTES;
  return Math.min(Math.floor(minutes / DAY_MINUTES), WAIT_DAYS_CAP) * DAY_MINUTES;
}

/** The wait, in minutes, that the median reads for a bucket: its middle (the lower bound for the last one, "a year or more"). */
export function waitMinutes(bucket: number): number {
  if (bucket < HOUR_MINUTES) return bucket;
  if (bucket < 2 * DAY_MINUTES) return bucket + HOUR_MINUTES / 2;
  if (bucket >= WAIT_DAYS_CAP * DAY_MINUTES) return bucket;
  return bucket + DAY_MINUTES / 2;
}

/** The most wait buckets a cell can hold. */
export const WAIT_BUCKETS = HOUR_MINUTES + (2 * DAY_MINUTES - HOUR_MINUTES) / HOUR_MINUTES + (WAIT_DAYS_CAP - 2 + 1);

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

/**
 * The `_id`s of the month and day buckets an application counts in, of its
 * submission in China time: a month bucket per community
 * (`<YYYY-MM>/<community>`), so a submission's `$inc` rewrites its
 * community's counters only, and a day bucket (`<YYYY-MM-DD>`).
 */
export function bucketsOf(app: Pick<CountedApplication, 'submittedAt' | 'community'>): { month: string; day: string } {
  return { month: `${chinaMonth(app.submittedAt)}/${pathSegment(app.community)}`, day: chinaDate(app.submittedAt) };
}

/** The month (YYYY-MM) of a month or day bucket's `_id`. */
export function monthOfBucket(id: string): string {
  return id.slice(0, 7);
}

/** The counter paths and amounts of one application as it is now. */
export function cellsOf(app: CountedApplication): Cells {
  const base = `${pathSegment(app.community)}.${pathSegment(app.street)}.${app.kind}`;
  const figures: Partial<Record<CellFigure, number>> = {};
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
  const cells: Cells = { [`${base}.s.${app.status}`]: 1 };
  for (const [figure, amount] of Object.entries(figures)) if (amount !== 0) cells[`${base}.f.${figure}`] = amount;
  if (first?.at instanceof Date) cells[`${base}.w.${waitBucket(first.at.getTime() - app.submittedAt.getTime())}`] = 1;
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
