import {
  APPLICATION_STATUSES,
  chinaMonth,
  DECISION_ACTIONS,
  PROGRAM_KINDS,
  statusesOf,
  type ApplicationStatus,
  type DecisionFigures,
  type ProgramKind,
  type StatsQuery,
  type StatsResponse,
} from '@minsheng/shared';
import type { StaffPrincipal } from '../../http/context';
import type { PiiCipher } from '../../security/pii';
import { applicationCursor } from '../applications/queries';
import { allCommunities } from '../communities/service';
import { buildApplicationFilter } from '../review/filter';

const DAY_MS = 24 * 3600_000;

/**
 * What the statistics read of an application. Figures are computed in Node
 * from this small projection in one pass: FerretDB 1.x has no date operators
 * in aggregation and its `$sum` over a nested path (`$loan.disbursedFen`)
 * answers 0, so a pipeline would give different money on the two engines.
 */
const STATS_PROJECTION = {
  _id: 0,
  kind: 1,
  status: 1,
  street: 1,
  community: 1,
  submittedAt: 1,
  'history.action': 1,
  'history.to': 1,
  'history.at': 1,
  'loan.approvedFen': 1,
  'loan.disbursedFen': 1,
  'loan.repaidFen': 1,
  'loan.outstandingFen': 1,
  'training.completedOn': 1,
  'training.subsidyDueFen': 1,
  'subsidy.paidFen': 1,
};

export interface StatsRow {
  kind: ProgramKind;
  status: ApplicationStatus;
  street: string;
  community: string;
  submittedAt: Date;
  history?: { action?: string; to?: string; at?: Date }[];
  loan?: { approvedFen?: unknown; disbursedFen?: unknown; repaidFen?: unknown; outstandingFen?: unknown } | null;
  training?: { completedOn?: unknown; subsidyDueFen?: unknown } | null;
  subsidy?: { paidFen?: unknown } | null;
}

function nextMonth(month: string): string {
  const [y = 0, m = 1] = month.split('-').map(Number);
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

/** Kind-specific records are free-form: only safe integers count as money. */
function fen(value: unknown): number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : 0;
}

function zeros<K extends string>(keys: readonly K[]): Record<K, number> {
  const out = {} as Record<K, number>;
  for (const key of keys) out[key] = 0;
  return out;
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = Float64Array.from(values).sort();
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

const DECISIONS = new Set<string>(DECISION_ACTIONS);

/** Larger counts first, then by name. */
function mostFirst(a: readonly [string, number, ...unknown[]], b: readonly [string, number, ...unknown[]]): number {
  return b[1] - a[1] || a[0].localeCompare(b[0], 'zh-CN');
}

class DecisionTally {
  decided = 0;
  approved = 0;
  private readonly waits: number[] = [];

  add(row: StatsRow): void {
    const history = row.history ?? [];
    const first = history.find((h) => h.action !== undefined && DECISIONS.has(h.action));
    if (!first) return;
    this.decided += 1;
    if (history.some((h) => h.to === 'approved')) this.approved += 1;
    if (first.at instanceof Date) this.waits.push(Math.max(0, first.at.getTime() - row.submittedAt.getTime()));
  }

  figures(): DecisionFigures {
    const wait = median(this.waits);
    return {
      decided: this.decided,
      approved: this.approved,
      approvalRate: this.decided === 0 ? null : Math.round((this.approved / this.decided) * 10_000) / 10_000,
      medianDaysToDecision: wait === null ? null : Math.round((wait / DAY_MS) * 10) / 10,
    };
  }
}

export interface CommunityInfo {
  name: string;
  street: string;
}

/**
 * The statistics of a stream of applications. Memory grows only with the
 * number of streets, communities and months, and one number per decided
 * application (for the medians).
 */
export async function tallyStats(
  rows: AsyncIterable<StatsRow>,
  communities: ReadonlyMap<string, CommunityInfo>,
  now: Date = new Date(),
): Promise<StatsResponse> {
  let total = 0;
  const byKind = zeros(PROGRAM_KINDS);
  const byStatus = zeros(APPLICATION_STATUSES);
  const byKindStatus = {} as Record<ProgramKind, Partial<Record<ApplicationStatus, number>>>;
  const decisionsByKind = {} as Record<ProgramKind, DecisionTally>;
  for (const kind of PROGRAM_KINDS) {
    byKindStatus[kind] = zeros(statusesOf(kind));
    decisionsByKind[kind] = new DecisionTally();
  }
  const overall = new DecisionTally();
  const byStreet = new Map<string, number>();
  const byCommunity = new Map<string, { street: string; count: number }>();
  const byMonth = new Map<string, number>();
  const loans = { borrowers: 0, approvedFen: 0, disbursedFen: 0, repaidFen: 0, outstandingFen: 0 };
  const trainees = { approved: 0, attending: 0, completed: 0, total: 0 };
  const training = { completions: 0, subsidyDueFen: 0 };
  const subsidies = { paid: 0, paidFen: 0 };

  for await (const row of rows) {
    total += 1;
    byKind[row.kind] += 1;
    byStatus[row.status] += 1;
    const cells = byKindStatus[row.kind];
    cells[row.status] = (cells[row.status] ?? 0) + 1;
    byStreet.set(row.street, (byStreet.get(row.street) ?? 0) + 1);
    const place = byCommunity.get(row.community) ?? { street: communities.get(row.community)?.street ?? row.street, count: 0 };
    place.count += 1;
    byCommunity.set(row.community, place);
    const month = chinaMonth(row.submittedAt);
    byMonth.set(month, (byMonth.get(month) ?? 0) + 1);
    overall.add(row);
    decisionsByKind[row.kind].add(row);

    if (row.kind === 'loan' && row.loan) {
      const disbursed = fen(row.loan.disbursedFen);
      if (disbursed > 0) loans.borrowers += 1;
      loans.approvedFen += fen(row.loan.approvedFen);
      loans.disbursedFen += disbursed;
      loans.repaidFen += fen(row.loan.repaidFen);
      loans.outstandingFen += fen(row.loan.outstandingFen);
    }
    if (row.kind === 'training') {
      if (row.status === 'approved' || row.status === 'attending' || row.status === 'completed') {
        trainees[row.status] += 1;
        trainees.total += 1;
      }
      if (typeof row.training?.completedOn === 'string') {
        training.completions += 1;
        training.subsidyDueFen += fen(row.training.subsidyDueFen);
      }
    }
    if (row.kind === 'subsidy') {
      const paid = fen(row.subsidy?.paidFen);
      if (paid > 0) subsidies.paid += 1;
      subsidies.paidFen += paid;
    }
  }

  const months: { month: string; count: number }[] = [];
  const seen = [...byMonth.keys()].sort();
  const last = seen.at(-1);
  for (let month = seen[0]; month !== undefined && last !== undefined && month <= last; month = nextMonth(month)) {
    months.push({ month, count: byMonth.get(month) ?? 0 });
  }
  const decisionFiguresByKind = {} as Record<ProgramKind, DecisionFigures>;
  for (const kind of PROGRAM_KINDS) decisionFiguresByKind[kind] = decisionsByKind[kind].figures();

  return {
    generatedAt: now.toISOString(),
    total,
    byKind,
    byStatus,
    byKindStatus,
    byStreet: [...byStreet].sort(mostFirst).map(([street, count]) => ({ street, count })),
    byCommunity: [...byCommunity]
      .map(([code, { street, count }]): [string, number, string] => [code, count, street])
      .sort(mostFirst)
      .map(([community, count, street]) => ({ community, name: communities.get(community)?.name ?? community, street, count })),
    byMonth: months,
    decisions: { overall: overall.figures(), byKind: decisionFiguresByKind },
    loans,
    training: { trainees, ...training },
    subsidies,
  };
}

/** The statistics page: the figures of the applications the viewer may see that match the filters. */
export async function computeStats(query: StatsQuery, viewer: StaffPrincipal, pii: PiiCipher): Promise<StatsResponse> {
  const filter = buildApplicationFilter(query, viewer, pii);
  const communities = await allCommunities();
  const cursor = applicationCursor<StatsRow>(filter, STATS_PROJECTION, { batchSize: 2000 });
  try {
    return await tallyStats(cursor, communities);
  } finally {
    await cursor.close();
  }
}
