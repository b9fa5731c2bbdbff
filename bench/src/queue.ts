import mongoose from 'mongoose';
import type { ProgramKind, QueueQuery } from '@minsheng/shared';
import { queueSearchSchema } from '@minsheng/shared';
import { ProgramModel } from '@minsheng/bff/src/modules/programs/model';
import { rebuildReadModels } from '@minsheng/bff/src/modules/applications/read-models';
import { insertGeneratedApplications } from '@minsheng/bff/src/modules/reports/test-data';
import { buildApplicationFilter } from '@minsheng/bff/src/modules/review/filter';
import { queueOrder, withCursor } from '@minsheng/bff/src/modules/review/service';
import type { PiiCipher } from '@minsheng/bff/src/security/pii';
import { communityScope } from '@minsheng/bff/src/http/scope';
import { ADMIN } from './stack';
import { QUICK, percentile, round1, round2 } from './measure';

/** Of the generated applications, how many end open (the queue's working set): 2,000, as in a district with 100,000. */
export const OPEN_ROWS = Number(process.env.BENCH_OPEN_ROWS ?? 2000);

/**
 * Inserts generated applications straight into the collection, then runs the
 * product's own rebuild of the read models (applications/read-models), as
 * after an import: the queue, lookups and counters hold what the product
 * would have written.
 */
export async function loadApplications(rows: number, pii: PiiCipher, numberPrefix = 'BQ') {
  const programs: Record<ProgramKind, { id: string; title: string }[]> = { stall: [], loan: [], training: [], subsidy: [] };
  for (const p of await ProgramModel.find({ code: { $not: /^bench-/ } }, { kind: 1, title: 1 }).lean()) {
    programs[p.kind as ProgramKind].push({ id: String(p._id), title: p.title });
  }
  const started = Date.now();
  const facts = await insertGeneratedApplications({
    count: rows,
    pii,
    programs,
    numberPrefix,
    batchSize: 2000,
    open: Math.min(rows, OPEN_ROWS),
  });
  const rebuildStarted = Date.now();
  await rebuildReadModels({ batchSize: 2000 });
  return { seconds: (Date.now() - started) / 1000, rebuildSeconds: (Date.now() - rebuildStarted) / 1000, facts, programs };
}

export async function staffToken(bffUrl: string): Promise<string> {
  const res = await fetch(`${bffUrl}/api/admin/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(ADMIN),
  });
  if (!res.ok) throw new Error(`staff login answered ${res.status}`);
  return ((await res.json()) as { token: string }).token;
}

/** What FerretDB (or MongoDB) says it does with a queue query: pushdown flags or the winning plan's stages. */
async function explain(filter: Record<string, unknown>, sort: Record<string, 1 | -1>): Promise<unknown> {
  const db = mongoose.connection.db;
  if (!db) throw new Error('not connected');
  const out = await db.command({ explain: { find: 'queueitems', filter, sort, limit: 21 }, verbosity: 'queryPlanner' });
  const planner = out.queryPlanner as Record<string, unknown> | undefined;
  // FerretDB 1.x reports pushdown flags; MongoDB a plan tree.
  const pick = (keys: string[]) => Object.fromEntries(keys.filter((k) => k in out).map((k) => [k, out[k]]));
  const flags = pick(['filterPushdown', 'sortPushdown', 'limitPushdown', 'pushdown', 'sortingPushdown']);
  if (Object.keys(flags).length > 0) return { ...flags, sql: planner?.Plan ?? planner };
  const stages: string[] = [];
  const walk = (stage: unknown) => {
    if (!stage || typeof stage !== 'object') return;
    const s = stage as { stage?: string; indexName?: string; inputStage?: unknown; inputStages?: unknown[] };
    stages.push(s.indexName ? `${s.stage}(${s.indexName})` : String(s.stage));
    walk(s.inputStage);
    for (const x of s.inputStages ?? []) walk(x);
  };
  walk(planner?.winningPlan);
  return { plan: stages.join(' <- ') };
}

const SAMPLE_QUERIES = (programId: string, facts: Awaited<ReturnType<typeof loadApplications>>['facts']) => {
  // The first OPEN_ROWS are the open ones (loadApplications); one of them and one closed application.
  const someone = facts[Math.floor(Math.min(facts.length, OPEN_ROWS) / 3)];
  const closed = facts[facts.length - 1];
  return {
    'all (newest)': {},
    'status=submitted': { status: 'submitted' },
    'kind=loan': { kind: 'loan' },
    programId: { programId },
    'street=铁心桥街道': { street: '铁心桥街道' },
    'community=yxc': { community: 'yxc' },
    'from..to (one month)': { from: '2026-03-01', to: '2026-03-31' },
    'overdue=true': { overdue: 'true' },
    'sort=waiting': { sort: 'waiting' },
    'q=number': { q: someone?.number ?? 'BQ-2026-000001' },
    'q=name prefix 王': { q: '王' },
    'q=mobile tail': { q: '1234' },
    'q=ID number': { q: someone?.idNumber ?? '' },
    'q=number (closed)': { q: closed?.number ?? 'BQ-2026-000001' },
    'q=ID number (closed)': { q: closed?.idNumber ?? '' },
    [SLOWER_PATH]: { status: 'rejected' },
  } as Record<string, Record<string, string>>;
};

/**
 * The one query that reads the applications themselves, not a read model (a
 * final status: review/service.ts): on the embedded engine a scan and decode
 * of the whole history, find and count, a minute or more at 100,000. Not a
 * goal of issue 14; timed once, page 1 only, so that it does not take the
 * bench's hour (a deep page by cursor would be one scan per 100 rows walked).
 */
const SLOWER_PATH = 'status=rejected (closed, slower path)';

/** The statistics page: everything, a range of whole months, a range that cuts months (day buckets), a street. */
const STATS_QUERIES: Record<string, string> = {
  all: '',
  'from..to (whole months)': '?from=2026-03-01&to=2026-05-31',
  'from..to (cutting months)': '?from=2026-03-10&to=2026-04-20',
  'street=铁心桥街道': `?street=${encodeURIComponent('铁心桥街道')}`,
};

interface PageAsk {
  page: number;
  after?: string;
  pageSize?: number;
}

/** One page through POST /api/admin/applications/search: a full ID number may only travel in a body. */
function queuePage(bffUrl: string, token: string, params: Record<string, string>, ask: PageAsk): Promise<Response> {
  return fetch(`${bffUrl}/api/admin/applications/search`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ ...params, pageSize: 20, ...ask }),
  });
}

async function pageJson(res: Response, label: string): Promise<{ items: { id: string }[]; total: number; next: string | null }> {
  if (!res.ok) throw new Error(`queue ${label} answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as { items: { id: string }[]; total: number; next: string | null };
}

/**
 * The cursor that starts `page` (of 20 rows), reached by following `next`
 * through the BFF, untimed. Steps of 100 rows and one shorter step: a cursor
 * names a row, not a page size, so it lands on the same row as 20-row pages would.
 */
async function walkTo(bffUrl: string, token: string, params: Record<string, string>, page: number, label: string): Promise<string> {
  let rows = (page - 1) * 20;
  let after: string | undefined;
  while (rows > 0) {
    const pageSize = Math.min(100, rows);
    const answer = await pageJson(await queuePage(bffUrl, token, params, { page: 1, after, pageSize }), label);
    if (!answer.next) throw new Error(`queue ${label}: no page ${page} by cursor`);
    after = answer.next;
    rows -= pageSize;
  }
  if (!after) throw new Error(`queue ${label}: page ${page} needs no cursor`);
  return after;
}

async function timed<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const started = performance.now();
  const value = await fn();
  return [performance.now() - started, value];
}

/**
 * 3. Each queue filter and search, page 1 and a deep page, through the BFF
 * and through the raw driver running the same query (filter, sort, limit of
 * a page and one row, and the count, in parallel as the service does),
 * interleaved. The deep page is asked for by the cursor of the page before
 * it, as the mini-program's 加载更多 does: a range on (sort key, _id), no skip.
 */
export async function benchQueue(bffUrl: string, pii: PiiCipher, loaded: Awaited<ReturnType<typeof loadApplications>>) {
  const token = await staffToken(bffUrl);
  const programId = loaded.programs.training[0]?.id ?? loaded.programs.stall[0]?.id ?? '';
  const reps = QUICK ? 2 : loaded.facts.length > 5000 ? 7 : 3;
  // The raw side runs the same query on the queue's read model, which the BFF reads for every filter but a lookup or a final status.
  const collection = mongoose.connection.collection('queueitems');
  const viewer = {
    kind: 'staff',
    id: '000000000000000000000000',
    role: 'admin',
    name: 'bench',
    communities: [],
    scope: communityScope('admin', []),
  } as never;
  const results: Record<string, unknown>[] = [];
  for (const [label, params] of Object.entries(SAMPLE_QUERIES(programId, loaded.facts))) {
    // How deep "deep" is depends on how many match: the last page, at most page 500.
    const [firstMs, firstPage] = await timed(async () => pageJson(await queuePage(bffUrl, token, params, { page: 1 }), label));
    const { total } = firstPage;
    const scan = label === SLOWER_PATH;
    const deepPage = scan ? 1 : Math.max(1, Math.min(500, Math.ceil(total / 20)));
    for (const page of deepPage > 1 ? [1, deepPage] : [1]) {
      const walkStarted = performance.now();
      const after = page > 1 ? await walkTo(bffUrl, token, params, page, label) : undefined;
      const walkSeconds = (performance.now() - walkStarted) / 1000;
      const ask: PageAsk = { page, after };
      const query: QueueQuery = queueSearchSchema.parse({ ...params, ...ask, pageSize: 20 });
      const filter = buildApplicationFilter(query, viewer, pii);
      const sort = queueOrder(query.sort);
      if (after) {
        // The walk must land where counting pages does (untimed; nothing changes the rows meanwhile).
        const byCursor = (await pageJson(await queuePage(bffUrl, token, params, ask), label)).items.map((i) => i.id);
        const bySkip = (await pageJson(await queuePage(bffUrl, token, params, { page }), label)).items.map((i) => i.id);
        if (byCursor.join() !== bySkip.join())
          throw new Error(`queue ${label}: page ${page} by cursor differs from page ${page} by number`);
      }
      // The slower path's one timing is the first page asked for above.
      const http: number[] = [];
      const raw: number[] = [];
      for (let i = 0; i < (scan ? 1 : reps); i += 1) {
        if (scan) http.push(firstMs);
        else {
          const [ms, res] = await timed(() => queuePage(bffUrl, token, params, ask));
          await res.arrayBuffer();
          http.push(ms);
        }
        const [rawMs] = await timed(() =>
          Promise.all([collection.find(withCursor(filter, query.after)).sort(sort).limit(21).toArray(), collection.countDocuments(filter)]),
        );
        raw.push(rawMs);
      }
      process.stdout.write(
        `[bench]    ${label} page ${page}${after ? ' (cursor)' : ''}: p95 ${percentile(http, 95).toFixed(0)} ms, raw ${percentile(raw, 95).toFixed(0)} ms\n`,
      );
      results.push({
        query: label,
        page,
        paging: after ? 'cursor' : 'first page',
        ...(after ? { walkSeconds: round1(walkSeconds) } : {}),
        total,
        p50: round1(percentile(http, 50)),
        p95: round1(percentile(http, 95)),
        rawP50: round1(percentile(raw, 50)),
        rawP95: round1(percentile(raw, 95)),
        ratioP95: round2(percentile(http, 95) / percentile(raw, 95)),
        explain: await explain(withCursor(filter, query.after), sort),
      });
    }
  }
  const statistics: Record<string, unknown>[] = [];
  for (const [label, query] of Object.entries(STATS_QUERIES)) {
    const times: number[] = [];
    for (let i = 0; i < Math.max(reps, 5); i += 1) {
      const [ms, res] = await timed(() => fetch(`${bffUrl}/api/admin/stats${query}`, { headers: { authorization: `Bearer ${token}` } }));
      if (!res.ok) throw new Error(`stats ${label} answered ${res.status}`);
      await res.arrayBuffer();
      times.push(ms);
    }
    process.stdout.write(`[bench]    statistics ${label}: p95 ${percentile(times, 95).toFixed(0)} ms\n`);
    statistics.push({ query: label, p50: round1(percentile(times, 50)), p95: round1(percentile(times, 95)) });
  }
  return {
    rows: loaded.facts.length,
    open: Math.min(loaded.facts.length, OPEN_ROWS),
    loadSeconds: round1(loaded.seconds),
    rebuildSeconds: round1(loaded.rebuildSeconds),
    reps,
    goal: 'queue p95 ≤ 100 ms (page 1 and deep by cursor); search by number or ID number p95 ≤ 50 ms; statistics p95 ≤ 200 ms',
    queries: results,
    statistics,
  };
}
