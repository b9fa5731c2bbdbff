/* The summary table printed at the end of npm run bench. */
type Row = [string, string, string, string];

const num = (v: unknown) => (typeof v === 'number' ? String(v) : v === undefined ? '-' : JSON.stringify(v));
const get = (o: unknown, ...keys: string[]): unknown =>
  keys.reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), o);
const meets = (ok: boolean) => (ok ? 'met' : 'MISSED');

/** Issue 14's goal for a queue query: a search by number or ID number ≤ 50 ms, a final status not a goal, the rest ≤ 100 ms. */
function queueGoal(query: string, p95: number): string {
  if (/^q=(number|ID number)/.test(query)) return `≤ 50 ms: ${meets(p95 <= 50)}`;
  if (query.startsWith('status=rejected')) return 'not a goal (the whole history)';
  return `≤ 100 ms: ${meets(p95 <= 100)}`;
}

export function printSummary(r: Record<string, unknown>): void {
  const rows: Row[] = [];
  if (r.engine) {
    type Cost = { dbCpuMs: number | null; wallMs: number };
    const cost = (c: Cost) => `${c.dbCpuMs ?? '-'} / ${c.wallMs} ms`;
    for (const e of (r.engine as { rows: { documents: number; findById: Cost; findByUniqueField: Cost; insertOne: Cost }[] }).rows) {
      rows.push([
        `0 engine, ${e.documents} documents`,
        `find by _id ${cost(e.findById)} (db CPU / wall)`,
        `by unique field ${cost(e.findByUniqueField)}; insert ${cost(e.insertOne)}`,
        '',
      ]);
    }
    const ratio = (r.engine as { findByIdRatio?: number | null }).findByIdRatio;
    if (typeof ratio === 'number')
      rows.push(['0 engine, find by _id', 'largest / smallest collection', `ratio ${ratio}`, `≤ 2×: ${meets(ratio <= 2)}`]);
  }
  if (r.catalog) {
    const c = r.catalog as { a: { rps: number; p99: number }; b: { rps: number; p99: number }; ratio: number };
    rows.push([
      '1 catalog GET /api/programs',
      `${c.a.rps} req/s, p99 ${c.a.p99} ms`,
      `bare Koa ${c.b.rps} req/s, p99 ${c.b.p99} ms; ratio ${c.ratio}`,
      `≥ 0.8: ${meets(c.ratio >= 0.8)}`,
    ]);
  }
  if (r.submit) {
    const s = r.submit as { a: { rps: number; p99: number; non2xx: number }; b: { rps: number }; ratio: number };
    rows.push([
      '2 submit POST /api/applications',
      `${s.a.rps} req/s, p99 ${s.a.p99} ms, non-2xx ${s.a.non2xx}`,
      `raw insert ${s.b.rps}/s; ratio ${s.ratio}`,
      `≥ 0.5: ${meets(s.ratio >= 0.5)}`,
    ]);
    const cpu = (r.submit as { cpuMsPerRequest?: Record<string, number | null> }).cpuMsPerRequest;
    if (cpu) {
      rows.push([
        '  CPU ms per request',
        `BFF ${cpu.bff ?? '-'}, database ${cpu.database ?? '-'}`,
        `raw: driver ${cpu.rawDriver ?? '-'}, database ${cpu.rawDatabase ?? '-'}`,
        '',
      ]);
    }
  }
  const queue = get(r.queue, 'queries');
  if (Array.isArray(queue)) {
    for (const q of queue as {
      query: string;
      page: number;
      paging?: string;
      total: number;
      p50: number;
      p95: number;
      rawP95: number;
      ratioP95: number;
    }[]) {
      rows.push([
        `3 queue ${q.query} p${q.page}${q.paging === 'cursor' ? ' (cursor)' : ''}`,
        `p50 ${q.p50} ms, p95 ${q.p95} ms (${q.total} match)`,
        `raw p95 ${q.rawP95} ms; ratio ${q.ratioP95}`,
        queueGoal(q.query, q.p95),
      ]);
    }
  }
  const statistics = get(r.queue, 'statistics');
  if (Array.isArray(statistics)) {
    for (const q of statistics as { query: string; p50: number; p95: number }[]) {
      rows.push([`3 statistics ${q.query}`, `p50 ${q.p50} ms, p95 ${q.p95} ms`, '', `≤ 200 ms: ${meets(q.p95 <= 200)}`]);
    }
  }
  if (Array.isArray(r.export)) {
    for (const e of r.export as {
      format: string;
      rows: number;
      rowsPerSecond: number;
      rssPeakGrowthMB: number;
      seconds: number;
      firstByteS: number;
      bffCpuS: number;
      dbCpuS: number | null;
    }[]) {
      const cpu = `CPU: BFF ${e.bffCpuS} s, database ${e.dbCpuS ?? '?'} s`;
      rows.push([
        `4 export ${e.format}`,
        `${e.rows} rows in ${e.seconds} s (${e.rowsPerSecond} rows/s); ${cpu}`,
        `first byte ${e.firstByteS} s; peak RSS growth ${e.rssPeakGrowthMB} MB`,
        `≥ 5,000 rows/s: ${meets(e.rowsPerSecond >= 5000)}; first byte ≤ 2 s: ${meets(e.firstByteS <= 2)}; ≤ 50 MB: ${meets(e.rssPeakGrowthMB <= 50)}`,
      ]);
    }
  }
  const scale = get(r.scaleout, 'rows');
  if (Array.isArray(scale)) {
    for (const s of scale as {
      processes: number;
      catalogRps: number;
      submitRps: number;
      catalogSpeedup: number;
      submitSpeedup: number;
    }[]) {
      rows.push([
        `5 scale-out ${s.processes} process(es)`,
        `catalog ${s.catalogRps} req/s (×${s.catalogSpeedup})`,
        `submit ${s.submitRps} req/s (×${s.submitSpeedup})`,
        '',
      ]);
    }
  } else if (r.scaleout) rows.push(['5 scale-out', num(get(r.scaleout, 'skipped')), '', '']);
  const weapp = get(r.miniapp, 'weapp', 'lines');
  if (Array.isArray(weapp)) for (const l of weapp as string[]) rows.push(['6 weapp size', l.replace(/^weapp /, ''), '', '']);
  const h5 = get(r.miniapp, 'h5') as { initialJsGzip?: number; budget?: number; passed?: boolean } | undefined;
  if (h5?.initialJsGzip)
    rows.push([
      '6 H5 initial JS',
      `${(h5.initialJsGzip / 1024).toFixed(1)} KB gzip`,
      `budget ${((h5.budget ?? 0) / 1024).toFixed(0)} KB`,
      meets(Boolean(h5.passed)),
    ]);
  const pages = get(r.miniapp, 'lighthouse', 'pages');
  if (Array.isArray(pages)) {
    for (const p of pages as { label: string; performance: number; accessibility: number; lcp?: string; tbt?: string }[]) {
      rows.push([
        `6 Lighthouse ${p.label}`,
        `performance ${p.performance}, accessibility ${p.accessibility}`,
        `LCP ${p.lcp ?? '-'}, TBT ${p.tbt ?? '-'}`,
        `≥ 90 / ≥ 95: ${meets(p.performance >= 90 && p.accessibility >= 95)}`,
      ]);
    }
  } else if (get(r.miniapp, 'lighthouse')) rows.push(['6 Lighthouse', num(get(r.miniapp, 'lighthouse')).slice(0, 200), '', '']);
  const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((row) => row[i]?.length ?? 0), 4));
  const line = (row: Row) => `| ${row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  process.stdout.write(
    `\n${line(['figure', 'product', 'baseline / ratio', 'goal'])}\n|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|\n${rows.map(line).join('\n')}\n\n`,
  );
}
