import autocannon from 'autocannon';

/** Quick mode (BENCH_QUICK=1): short rounds and small data, for smoke runs. */
export const QUICK = process.env.BENCH_QUICK === '1';

export interface LoadFigures {
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  non2xx: number;
  errors: number;
}

export type LoadOptions = autocannon.Options;

/** One autocannon run; figures in requests per second and milliseconds. */
export async function load(options: LoadOptions): Promise<LoadFigures> {
  const result = await autocannon({ connections: 10, duration: QUICK ? 2 : 5, ...options });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

export interface Pair<T> {
  a: T[];
  b: T[];
}

/** Runs A, B, A, B, ... so both sides see the same noise of a shared machine. */
export async function interleave<T>(rounds: number, a: (round: number) => Promise<T>, b: (round: number) => Promise<T>): Promise<Pair<T>> {
  const out: Pair<T> = { a: [], b: [] };
  for (let round = 0; round < rounds; round += 1) {
    out.a.push(await a(round));
    out.b.push(await b(round));
  }
  return out;
}

export function median(values: number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((x, y) => x - y);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** Nearest-rank percentile of samples. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;
}

export const round1 = (n: number) => Math.round(n * 10) / 10;
export const round2 = (n: number) => Math.round(n * 100) / 100;

/** Summary of interleaved load rounds: medians of each side and the ratio of medians. */
export function summarisePair(pair: Pair<LoadFigures>) {
  const side = (runs: LoadFigures[]) => ({
    rps: round1(median(runs.map((r) => r.rps))),
    p50: round1(median(runs.map((r) => r.p50))),
    p99: round1(median(runs.map((r) => r.p99))),
    non2xx: runs.reduce((s, r) => s + r.non2xx, 0),
    errors: runs.reduce((s, r) => s + r.errors, 0),
    rounds: runs.map((r) => round1(r.rps)),
  });
  const a = side(pair.a);
  const b = side(pair.b);
  return { a, b, ratio: round2(a.rps / b.rps) };
}
