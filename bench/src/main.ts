// npm run bench: every figure of issue 7 against the real BFF on the real
// engine, each pair interleaved in one run, written to artifacts/bench-<date>.json.
//   BENCH_QUICK=1          short rounds and small data (a smoke run)
//   BENCH_ONLY=a,b         sections: engine, catalog, submit, scaleout, queue, export, profile, miniapp
//   BENCH_ROWS=n           applications for the queue (default 100,000 on every engine: a district's volume)
//   BENCH_EXPORT_ROWS=n    applications for the export (default 100,000)
//   BENCH_RESIDENTS=n      residents prepared for submissions
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import { benchCatalog } from './catalog';
import { benchEngine } from './engine';
import { benchExport } from './export';
import { benchPii, benchRows, connectBench } from './fixtures';
import { QUICK } from './measure';
import { ensureH5Build, h5Sizes, lighthouseScores, weappSizes } from './miniapp';
import { profileBff } from './profile';
import { benchQueue, loadApplications, staffToken } from './queue';
import { benchScaleOut } from './scaleout';
import { REPO_ROOT, benchSecrets, running, startBff, startDatabase } from './stack';
import { benchSubmission, prepareApplicants, type Applicants } from './submit';
import { printSummary } from './summary';

const SECTIONS = ['engine', 'catalog', 'submit', 'scaleout', 'queue', 'export', 'profile', 'miniapp'] as const;
type Section = (typeof SECTIONS)[number];
const only = (process.env.BENCH_ONLY ?? '').split(',').filter(Boolean);
const unknownSections = only.filter((s) => !(SECTIONS as readonly string[]).includes(s));
if (unknownSections.length > 0) {
  throw new Error(`BENCH_ONLY names unknown sections: ${unknownSections.join(', ')} (known: ${SECTIONS.join(', ')})`);
}
const wanted = (s: Section) => only.length === 0 || only.includes(s);
const log = (line: string) => process.stdout.write(`[bench] ${line}\n`);

async function main(): Promise<void> {
  const started = new Date();
  const dir = path.join(REPO_ROOT, 'artifacts');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `bench-${started.toISOString().slice(0, 19).replace(/:/g, '-')}.json`);
  const results: Record<string, unknown> = {};
  // Written after every section, so a long run that stops keeps what it measured.
  const save = () => writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  const db = await startDatabase(log);
  log(db.description);
  const secrets = benchSecrets();
  const startOne = () => startBff({ dbUri: db.dbUri, secrets, dataDir: db.dataDir });
  try {
    const bff = await startOne();
    try {
      await connectBench(db.dbUri);
      const info = await mongoose.connection.db?.admin().command({ buildInfo: 1 });
      const ferret = Boolean(info && 'ferretdbVersion' in info);
      // The embedded build reports its version as "unknown": tools/ferretdb/go.mod pins it.
      const pinned = /FerretDB\/FerretDB (v[\d.]+)/.exec(readFileSync(path.join(REPO_ROOT, 'tools', 'ferretdb', 'go.mod'), 'utf8'))?.[1];
      const engine = ferret
        ? `FerretDB ${info?.ferretdbVersion === 'unknown' ? (pinned ?? '1.x') : String(info?.ferretdbVersion)} (SQLite)`
        : `MongoDB ${String(info?.version)}`;
      results.machine = {
        date: started.toISOString(),
        cpu: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown'}`,
        memoryGB: Math.round(os.totalmem() / 2 ** 30),
        loadAverageAtStart: os.loadavg().map((n) => Math.round(n * 10) / 10),
        node: process.version,
        engine,
        quick: QUICK,
      };
      log(
        `engine: ${engine}; load average ${os
          .loadavg()
          .map((n) => n.toFixed(1))
          .join(' ')}`,
      );

      if (wanted('engine')) {
        log('0. the engine: one read or insert at a time, by collection size...');
        results.engine = await benchEngine(db.pid);
        save();
      }
      if (wanted('catalog')) {
        log('1. catalog read vs bare Koa...');
        results.catalog = await benchCatalog(bff.url);
        save();
      }
      let applicants: Applicants | undefined;
      if (wanted('submit') || wanted('scaleout') || wanted('profile')) {
        log('preparing residents and programmes for submissions...');
        applicants = await prepareApplicants(secrets);
      }
      const pii = benchPii(secrets);
      let loadedRows = 0;
      // One district's applications (BENCH_ROWS, 2,000 open) serve the submissions and the queue: loading them
      // once per section measured the queue at twice the size the goals name.
      let loaded: Awaited<ReturnType<typeof loadApplications>> | undefined;
      if (wanted('submit') && applicants) {
        // Submissions are measured with the applications collection at a district's size (each round removes only its own).
        const rows = benchRows();
        log(`2. submissions: loading ${rows} applications first...`);
        loaded = await loadApplications(rows, pii);
        log(`   loaded in ${loaded.seconds.toFixed(0)} s`);
        loadedRows = rows;
        log('2. submissions vs raw driver inserts...');
        results.submit = await benchSubmission(bff.url, applicants, { bff: bff.pid, db: db.pid });
        save();
      }
      if (wanted('scaleout') && applicants) {
        log('5. scale-out behind nginx: 1, 2, 3 processes...');
        results.scaleout = await benchScaleOut(bff, startOne, applicants);
        save();
      }
      if (wanted('profile') && applicants) {
        log('profile: the BFF under --cpu-prof during catalog reads and submissions...');
        results.profile = await profileBff({ dbUri: db.dbUri, secrets, dataDir: db.dataDir }, applicants);
        save();
      }
      if (wanted('queue')) {
        if (!loaded) {
          const rows = benchRows();
          log(`3. staff queue: loading ${rows} applications...`);
          loaded = await loadApplications(rows, pii, 'BR');
          loadedRows += rows;
          log(`   loaded in ${loaded.seconds.toFixed(0)} s`);
        }
        log(`3. staff queue on ${loadedRows} applications: querying...`);
        results.queue = await benchQueue(bff.url, pii, loaded);
        save();
      }
      if (wanted('export')) {
        const rows = Number(process.env.BENCH_EXPORT_ROWS ?? (QUICK ? 2000 : 100_000));
        if (rows > loadedRows) {
          log(`4. export: loading ${rows - loadedRows} more applications...`);
          await loadApplications(rows - loadedRows, pii, 'BX');
        }
        log(`4. export of ${rows} rows...`);
        const all = await mongoose.connection.collection('applications').estimatedDocumentCount();
        results.export = await benchExport(bff.url, bff.pid, await staffToken(bff.url), all, db.pid);
        save();
      }
      if (wanted('miniapp')) {
        log('6. mini-program: H5 sizes and Lighthouse...');
        const programs = (await (await fetch(`${bff.url}/api/programs?kind=loan`)).json()) as { items: { id: string }[] };
        ensureH5Build(log);
        results.miniapp = { weapp: weappSizes(), h5: h5Sizes(), lighthouse: lighthouseScores(bff.url, programs.items[0]?.id ?? '') };
        save();
      }
    } finally {
      await mongoose.disconnect().catch(() => undefined);
      await bff.stop();
    }
  } finally {
    await db.stop();
  }
  results.seconds = Math.round((Date.now() - started.getTime()) / 1000);
  save();
  printSummary(results);
  log(`figures written to ${path.relative(REPO_ROOT, file)}`);
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    log(`${signal}: stopping what the bench started...`);
    void Promise.allSettled([...running].reverse().map((stop) => stop())).then(() => process.exit(130));
  });
}

main().catch((err: unknown) => {
  const cause = err instanceof Error && err.cause ? `\ncaused by: ${String(err.cause)}` : '';
  process.stderr.write(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}${cause}\n`);
  process.exit(1);
});
