import {
  APPLICATION_STATUSES,
  chinaDayEnd,
  chinaDate,
  PROGRAM_KINDS,
  statusesOf,
  type ApplicationStatus,
  type DecisionFigures,
  type ProgramKind,
  type StatsQuery,
  type StatsResponse,
} from '@minsheng/shared';
import type { StaffPrincipal } from '../../http/context';
import { monthOfBucket, segmentName, statsDays, statsMonths, waitMinutes, type StatsBucket } from '../applications/read-models';
import { allCommunities } from '../communities/service';

const DAY_MS = 24 * 3600_000;

function nextMonth(month: string): string {
  const [y = 0, m = 1] = month.split('-').map(Number);
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

function zeros<K extends string>(keys: readonly K[]): Record<K, number> {
  const out = {} as Record<K, number>;
  for (const key of keys) out[key] = 0;
  return out;
}

/** The median of a histogram of waits in minutes (each bucket read as `waitMinutes`), in ms (the mean of the middle two for an even count). */
function medianOf(waits: ReadonlyMap<number, number>, count: number): number | null {
  if (count === 0) return null;
  const sorted = [...waits].sort(([a], [b]) => a - b);
  const at = (index: number): number => {
    let seen = 0;
    for (const [minutes, n] of sorted) {
      seen += n;
      if (index < seen) return minutes * 60_000;
    }
    return 0;
  };
  const mid = count >> 1;
  return count % 2 === 1 ? at(mid) : (at(mid - 1) + at(mid)) / 2;
}

/** Larger counts first, then by name. */
function mostFirst(a: readonly [string, number, ...unknown[]], b: readonly [string, number, ...unknown[]]): number {
  return b[1] - a[1] || a[0].localeCompare(b[0], 'zh-CN');
}

class DecisionTally {
  decided = 0;
  approved = 0;
  private readonly waits = new Map<number, number>();
  private counted = 0;

  add(decided: number, approved: number): void {
    this.decided += decided;
    this.approved += approved;
  }

  wait(minutes: number, n: number): void {
    this.waits.set(minutes, (this.waits.get(minutes) ?? 0) + n);
    this.counted += n;
  }

  figures(): DecisionFigures {
    const wait = medianOf(this.waits, this.counted);
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

type Figures = Partial<Record<string, number>>;
/** A bucket's counters as stored: community → street → kind → counts by status, figures and waits (applications/read-models/stats-cells.ts). */
type StoredCells = Record<string, Record<string, Record<string, { s?: Record<string, number>; f?: Figures; w?: Record<string, number> }>>>;

/** A bucket read for the page: the month its applications were submitted in, and its counters. */
export interface StatsPiece {
  month: string;
  c: StoredCells;
}

/**
 * The statistics of counter buckets (month or day), keeping the communities
 * and streets `keep` accepts. Reads nothing: the buckets are a few dozen
 * small documents.
 */
export function tallyBuckets(
  pieces: readonly StatsPiece[],
  keep: (community: string, street: string) => boolean,
  communities: ReadonlyMap<string, CommunityInfo>,
  now: Date = new Date(),
): StatsResponse {
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
  const isKind = (k: string): k is ProgramKind => (PROGRAM_KINDS as readonly string[]).includes(k);

  for (const piece of pieces) {
    for (const [communityKey, streets] of Object.entries(piece.c ?? {})) {
      const community = segmentName(communityKey);
      for (const [streetKey, kinds] of Object.entries(streets)) {
        const street = segmentName(streetKey);
        if (!keep(community, street)) continue;
        for (const [kind, cells] of Object.entries(kinds)) {
          if (!isKind(kind)) continue;
          const f = cells.f ?? {};
          const decided = f.decided ?? 0;
          const approved = f.approved ?? 0;
          overall.add(decided, approved);
          decisionsByKind[kind].add(decided, approved);
          loans.borrowers += f.borrowers ?? 0;
          loans.approvedFen += f.approvedFen ?? 0;
          loans.disbursedFen += f.disbursedFen ?? 0;
          loans.repaidFen += f.repaidFen ?? 0;
          loans.outstandingFen += f.outstandingFen ?? 0;
          training.completions += f.completions ?? 0;
          training.subsidyDueFen += f.subsidyDueFen ?? 0;
          subsidies.paid += f.subsidyPaid ?? 0;
          subsidies.paidFen += f.paidFen ?? 0;
          for (const [status, n] of Object.entries(cells.s ?? {})) {
            if (!n) continue;
            const st = status as ApplicationStatus;
            total += n;
            byKind[kind] += n;
            byStatus[st] = (byStatus[st] ?? 0) + n;
            const row = byKindStatus[kind];
            row[st] = (row[st] ?? 0) + n;
            byStreet.set(street, (byStreet.get(street) ?? 0) + n);
            const place = byCommunity.get(community) ?? { street: communities.get(community)?.street ?? street, count: 0 };
            place.count += n;
            byCommunity.set(community, place);
            byMonth.set(piece.month, (byMonth.get(piece.month) ?? 0) + n);
            if (kind === 'training' && (st === 'approved' || st === 'attending' || st === 'completed')) {
              trainees[st] += n;
              trainees.total += n;
            }
          }
          for (const [bucket, n] of Object.entries(cells.w ?? {})) {
            if (n <= 0) continue;
            overall.wait(waitMinutes(Number(bucket)), n);
            decisionsByKind[kind].wait(waitMinutes(Number(bucket)), n);
          }
        }
      }
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

function lastDayOf(month: string): string {
  return chinaDate(new Date(chinaDayEnd(`${nextMonth(month)}-01`).getTime() - 2 * DAY_MS));
}

function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (let day = from; day <= to && days.length < 400; day = chinaDate(new Date(chinaDayEnd(day).getTime() + 3600_000))) days.push(day);
  return days;
}

/**
 * The buckets a date range needs: a month it covers whole is one month
 * bucket; a month it cuts is its days' buckets, each read by `_id`.
 */
async function piecesFor(query: StatsQuery): Promise<StatsPiece[]> {
  const months = await statsMonths();
  const pieces: StatsPiece[] = [];
  const days = new Set<string>();
  for (const bucket of months) {
    const month = monthOfBucket(bucket._id);
    const first = `${month}-01`;
    const last = lastDayOf(month);
    const from = query.from && query.from > first ? query.from : first;
    const to = query.to && query.to < last ? query.to : last;
    if (from > to) continue;
    if (from === first && to === last) pieces.push({ month, c: bucket.c as StoredCells });
    else for (const day of daysBetween(from, to)) days.add(day);
  }
  const dayBuckets: StatsBucket[] = await statsDays([...days]);
  for (const bucket of dayBuckets) pieces.push({ month: monthOfBucket(bucket._id), c: bucket.c as StoredCells });
  return pieces;
}

/**
 * The statistics page: the figures of the applications the viewer may see
 * that match the filters, from the counters (read-models) alone, never the
 * applications. The median wait is read from a bounded histogram
 * (stats-cells.ts `waitBucket`): within 30 minutes of the exact median below
 * two days, within 12 hours after, so the figure in days (one decimal) may
 * differ from the exact one by up to 0.5.
 */
export async function computeStats(query: StatsQuery, viewer: StaffPrincipal, now: Date = new Date()): Promise<StatsResponse> {
  const [communities, pieces] = await Promise.all([allCommunities(), piecesFor(query)]);
  const keep = (community: string, street: string) =>
    viewer.scope.includes(community) && (!query.community || query.community === community) && (!query.street || query.street === street);
  return tallyBuckets(pieces, keep, communities, now);
}
