import { QUICK, load, round1, round2 } from './measure';
import { findNginx, type startBff, startNginx, type BffProcess } from './stack';
import { submissionLoad, type Applicants } from './submit';

/**
 * 5. 1, 2 and 3 BFF processes behind nginx (round robin, loopback) on one
 * database: catalog reads and submissions per second for each count. The
 * first process is the one already running; the others are started here.
 */
export async function benchScaleOut(first: BffProcess, start: () => ReturnType<typeof startBff>, applicants: Applicants) {
  const nginx = findNginx();
  if (!nginx) {
    return {
      skipped:
        'nginx is not installed. It is the Debian package `nginx` (apt-get update && apt-get install -y nginx); the bench runs it as `nginx -c <generated conf> -p <temp dir> -g "daemon off;"`, loopback only, no service or root daemon.',
    };
  }
  const processes: BffProcess[] = [first];
  const rows: Record<string, unknown>[] = [];
  const duration = QUICK ? 2 : 5;
  try {
    for (const count of [1, 2, 3]) {
      while (processes.length < count) processes.push(await start());
      const proxy = await startNginx(
        nginx,
        processes.map((p) => p.port),
      );
      try {
        await load({ url: `${proxy.url}/api/programs`, duration: 1, connections: 10 * count });
        const catalog = await load({ url: `${proxy.url}/api/programs`, duration, connections: 10 * count });
        await applicants.reset();
        const submit = await load({ ...submissionLoad(proxy.url, applicants, duration), connections: 10 * count });
        rows.push({
          processes: count,
          catalogRps: round1(catalog.rps),
          catalogP99: round1(catalog.p99),
          catalogNon2xx: catalog.non2xx,
          submitRps: round1(submit.rps),
          submitP99: round1(submit.p99),
          submitNon2xx: submit.non2xx,
        });
      } finally {
        await proxy.stop();
      }
    }
  } finally {
    for (const p of processes.slice(1)) await p.stop();
  }
  const base = rows[0] as { catalogRps: number; submitRps: number } | undefined;
  return {
    rows: rows.map((r) => ({
      ...r,
      catalogSpeedup: base ? round2((r as { catalogRps: number }).catalogRps / base.catalogRps) : null,
      submitSpeedup: base ? round2((r as { submitRps: number }).submitRps / base.submitRps) : null,
    })),
    note: 'One 2-core machine runs nginx, every BFF, the database and the load generator: more processes compete for the same cores.',
  };
}
