import { QUICK, round1 } from './measure';
import { cpuMsOf, rssOf } from './stack';

/**
 * 4. GET /api/admin/export of every row (CSV and xlsx), reading the body as it
 * streams, while sampling the BFF process's resident set size from /proc
 * every 50 ms: rows per second and peak growth over the RSS before the request,
 * and the CPU the BFF and the database each spent on it (which of the two the
 * rate waits for).
 */
export async function benchExport(bffUrl: string, pid: number, token: string, rows: number, dbPid?: number) {
  const out: Record<string, unknown>[] = [];
  for (const format of QUICK ? ['csv'] : ['csv', 'xlsx']) {
    global.gc?.();
    const before = rssOf(pid);
    let peak = before;
    const sampler = setInterval(() => {
      peak = Math.max(peak, rssOf(pid));
    }, 50);
    const cpuBefore = { bff: cpuMsOf(pid), db: dbPid ? cpuMsOf(dbPid) : 0 };
    const started = performance.now();
    let bytes = 0;
    let firstByteMs = 0;
    try {
      const res = await fetch(`${bffUrl}/api/admin/export?format=${format}`, { headers: { authorization: `Bearer ${token}` } });
      if (!res.ok || !res.body) throw new Error(`export answered ${res.status}`);
      for await (const chunk of res.body) {
        if (bytes === 0) firstByteMs = performance.now() - started;
        bytes += (chunk as Uint8Array).length;
      }
    } finally {
      clearInterval(sampler);
    }
    const seconds = (performance.now() - started) / 1000;
    const cpu = { bffS: round1((cpuMsOf(pid) - cpuBefore.bff) / 1000), dbS: dbPid ? round1((cpuMsOf(dbPid) - cpuBefore.db) / 1000) : null };
    out.push({
      format,
      rows,
      seconds: round1(seconds),
      rowsPerSecond: Math.round(rows / seconds),
      firstByteS: round1(firstByteMs / 1000),
      megabytes: round1(bytes / 1048576),
      rssBeforeMB: round1(before / 1048576),
      rssPeakGrowthMB: round1((peak - before) / 1048576),
      goalMB: 50,
      bffCpuS: cpu.bffS,
      dbCpuS: cpu.dbS,
    });
  }
  return out;
}
