import type { Writable } from 'node:stream';
import {
  APPLICATION_STATUSES,
  DECISION_ACTIONS,
  PROGRAM_KINDS,
  statusesOf,
  type ApplicationFilter,
  type ApplicationStatus,
  type DecisionFigures,
  type ExportFormat,
  type ProgramKind,
  type StatsQuery,
  type StatsResponse,
} from '@minsheng/shared';
import type { StaffPrincipal } from '../../http/context';
import type { Logger } from '../../logger';
import type { PiiCipher } from '../../security/pii';
import { ApplicationModel } from '../applications/model';
import { CommunityModel } from '../communities/model';
import { buildApplicationFilter, chinaToday } from '../review/filter';
import { writeCsv, writeXlsx } from './export';
import { EXPORT_PROJECTION, chinaDateTime, exportCells, type ExportDoc } from './presenter';

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

/** YYYY-MM of an instant in China time. */
export function chinaMonth(at: Date): string {
  return chinaDateTime(at).slice(0, 7);
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

async function communityDirectory(): Promise<Map<string, CommunityInfo>> {
  const docs = await CommunityModel.find({}, { _id: 0, code: 1, name: 1, street: 1 }).lean();
  return new Map(docs.map((c) => [c.code, { name: c.name, street: c.street }]));
}

/** The statistics page: the figures of the applications the viewer may see that match the filters. */
export async function computeStats(query: StatsQuery, viewer: StaffPrincipal, pii: PiiCipher): Promise<StatsResponse> {
  const filter = buildApplicationFilter(query, viewer, pii);
  const communities = await communityDirectory();
  const cursor = ApplicationModel.find(filter, STATS_PROJECTION).lean<StatsRow[]>().cursor({ batchSize: 2000 });
  try {
    return await tallyStats(cursor, communities);
  } finally {
    await cursor.close();
  }
}

export const EXPORT_CONTENT_TYPES: Record<ExportFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
};

export interface ExportJob {
  filename: string;
  contentType: string;
  /** Writes every row into `out` and ends it; resolves with the number of rows (fewer if `out` closed early). */
  run(out: Writable): Promise<number>;
}

/**
 * Documents per cursor batch. The driver keeps a batch's reply, with what it
 * has parsed of it, until its last document is read; a batch that lives
 * across young-generation collections is promoted to V8's old space and
 * freed only by a full collection. With the workbook writer (which allocates
 * a lot per row) 1,000-document batches let the heap grow by ~100 MB between
 * full collections over 100,000 rows; 200-document batches die young.
 */
const EXPORT_BATCH_SIZE = 200;

/**
 * Prepares the export of the applications the viewer may see that match the
 * filters, oldest first. The first document is read before anything is sent,
 * so an unreachable database is still answered with a JSON error; after that
 * rows stream from a cursor, so memory stays flat whatever the row count.
 */
export async function prepareExport(
  filter: ApplicationFilter,
  format: ExportFormat,
  viewer: StaffPrincipal,
  pii: PiiCipher,
): Promise<ExportJob> {
  const communities = await communityDirectory();
  const names = new Map([...communities].map(([code, c]) => [code, c.name]));
  const cursor = ApplicationModel.find(buildApplicationFilter(filter, viewer, pii), EXPORT_PROJECTION)
    .sort({ submittedAt: 1, _id: 1 })
    .lean<ExportDoc[]>()
    .cursor({ batchSize: EXPORT_BATCH_SIZE });
  let first: ExportDoc | null;
  try {
    first = await cursor.next();
  } catch (err) {
    await cursor.close();
    throw err;
  }
  async function* rows() {
    try {
      for (let doc = first; doc !== null; doc = await cursor.next()) yield exportCells(doc, names);
    } finally {
      await cursor.close();
    }
  }
  return {
    filename: `applications-${chinaToday()}.${format}`,
    contentType: EXPORT_CONTENT_TYPES[format],
    run: (out) => (format === 'csv' ? writeCsv(rows(), out) : writeXlsx(rows(), out)),
  };
}

/** Runs an export into the response stream; a failure midway cuts the download short (the client sees it incomplete) and is logged. */
export function streamExport(job: ExportJob, out: Writable, log: { logger: Logger; requestId: string; staffId: string }): void {
  const started = Date.now();
  job.run(out).then(
    (rows) => log.logger.info({ requestId: log.requestId, staffId: log.staffId, rows, ms: Date.now() - started }, 'export written'),
    (err: unknown) => {
      log.logger.error(
        { requestId: log.requestId, err: err instanceof Error ? { name: err.name, message: err.message } : String(err) },
        'export failed',
      );
      out.destroy(err instanceof Error ? err : new Error('export failed'));
    },
  );
}
