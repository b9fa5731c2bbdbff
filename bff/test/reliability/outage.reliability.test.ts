import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import { connectDatabase } from '../../src/db/connection';
import { freePort } from '../../src/db/provision';
import { createProgram, DECLARED, FORMS } from '../kit';
import {
  BffProcess,
  call,
  createResident,
  Database,
  newTally,
  report,
  size,
  sleep,
  unexpectedAnswers,
  untilAnswered,
  type Answer,
} from './harness';
import { pool } from '../kit';
import { checkInvariants, type Invariants } from './invariants';

/**
 * Residents submit while the database goes away twice: FerretDB is killed
 * and started again on the same port and data dir (an outage), then frozen
 * with SIGSTOP and thawed (a hung database). The BFF keeps running throughout.
 * RELIABILITY_OUTAGE_RESIDENTS: 40 in `npm test`, 200 in `npm run test:reliability`.
 */
const RESIDENTS = size('OUTAGE_RESIDENTS', 40, 200);
const DOWN_MS = size('OUTAGE_DOWN_MS', 8000);
const IN_FLIGHT = 10;
/**
 * How long a request may take to be refused. A dead database: server selection (3 s). A frozen one: the
 * monitor's next check (2 s) and its timeout (4 s) interrupt the request, the driver retries a read once and
 * that retry's server selection fails (3 s). Both with slack for a busy machine.
 */
const FAIL_FAST_MS: Record<Probe['phase'], number> = { killed: 8000, frozen: 15_000 };

interface Probe {
  phase: 'killed' | 'frozen';
  readyz: Answer;
  submit: Answer;
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'minsheng-outage-'));
let db: Database;
let bff: BffProcess;
let programId: string;
const tally = newTally();
const answers: Answer[] = [];
const probes: Probe[] = [];
const recovery: Record<Probe['phase'], number> = { killed: -1, frozen: -1 };
let bffPid: number | undefined;
let invariants: Invariants;
const figures = {
  residents: RESIDENTS,
  downMs: DOWN_MS,
  requests: 0,
  faults: [] as string[],
  probes: 0,
  answered503WhileDown: 0,
  slowest503Ms: { killed: 0, frozen: 0 },
  recoveryMs: recovery,
  acknowledged: 0,
  stored: 0,
  lost: 0,
  duplicates: 0,
  ms: 0,
  unexpected: [] as Record<string, unknown>[],
};

/** Takes the database away with `fault`, probes the BFF while it is away, brings it back with `restore` and waits for /readyz. */
async function outage(phase: Probe['phase'], probeToken: string, fault: () => Promise<void>, restore: () => Promise<void>): Promise<void> {
  await fault();
  figures.faults.push(`${phase} at ${new Date().toISOString()}`);
  const until = Date.now() + DOWN_MS;
  const key = randomUUID();
  const body = { programId, form: FORMS.loan, materialIds: [], ...DECLARED };
  while (Date.now() < until) {
    const [readyz, submit] = await Promise.all([
      call(bff.url, 'GET', '/readyz'),
      call(bff.url, 'POST', '/api/applications', { token: probeToken, body, headers: { 'Idempotency-Key': key } }),
    ]);
    probes.push({ phase, readyz, submit });
    await sleep(300);
  }
  const back = Date.now();
  await restore();
  while ((await call(bff.url, 'GET', '/readyz').catch(() => null))?.status !== 200) await sleep(100);
  recovery[phase] = Date.now() - back;
  // The probe's own submission goes through on its resend once the database is back.
  answers.push(
    await untilAnswered(
      () => call(bff.url, 'POST', '/api/applications', { token: probeToken, body, headers: { 'Idempotency-Key': key } }),
      tally,
    ),
  );
}

beforeAll(async () => {
  db = new Database(await freePort(), path.join(dir, 'db'));
  await db.start();
  const uri = db.uri('reliability_outage');
  await connectDatabase(uri);
  programId = await createProgram({ kind: 'loan' });
  bff = new BffProcess(await freePort(), { MONGODB_URI: uri, DATA_DIR: path.join(dir, 'bff') });
  await bff.start();
  bffPid = bff.pid;
  const tokens = await pool(
    Array.from({ length: RESIDENTS + 2 }, (_, i) => i),
    IN_FLIGHT,
    (i) => createResident(bff.url, i, 'outage'),
  );
  const [killProbe, freezeProbe, ...residents] = tokens;
  if (!killProbe || !freezeProbe) throw new Error('no probe residents');

  let finished = 0;
  const started = Date.now();
  const load = pool(residents, IN_FLIGHT, async (token) => {
    const key = randomUUID();
    const body = { programId, form: FORMS.loan, materialIds: [], ...DECLARED };
    answers.push(
      await untilAnswered(() => {
        figures.requests += 1;
        return call(bff.url, 'POST', '/api/applications', { token, body, headers: { 'Idempotency-Key': key } });
      }, tally),
    );
    finished += 1;
  });
  const faults = (async () => {
    while (finished < RESIDENTS / 4) await sleep(20);
    await outage(
      'killed',
      killProbe,
      () => db.kill(),
      () => db.start(),
    );
    while (finished < RESIDENTS / 2) await sleep(20);
    await outage(
      'frozen',
      freezeProbe,
      async () => db.signal('SIGSTOP'),
      async () => db.signal('SIGCONT'),
    );
  })();
  await Promise.all([load, faults]);
  figures.ms = Date.now() - started;
  invariants = await checkInvariants(
    [programId],
    answers.filter((a) => a.status === 201).map((a) => String(a.body.id)),
  );
}, 30 * 60_000);

afterAll(async () => {
  figures.probes = probes.length;
  figures.answered503WhileDown = tally.unavailable + probes.filter((p) => p.submit.status === 503).length;
  for (const p of probes) figures.slowest503Ms[p.phase] = Math.max(figures.slowest503Ms[p.phase], p.submit.ms);
  figures.acknowledged = answers.filter((a) => a.status === 201).length;
  figures.stored = invariants?.summary.applications ?? -1;
  figures.lost = invariants ? invariants.missing.length : -1;
  figures.duplicates = figures.stored - figures.acknowledged;
  figures.unexpected = unexpectedAnswers(answers, 201, bff?.log ?? '');
  report('outage', figures);
  await bff?.stop();
  await mongoose.disconnect();
  await db?.kill();
  rmSync(dir, { recursive: true, force: true });
});

describe(`database outages under load (${RESIDENTS} residents, ${DOWN_MS} ms down each)`, () => {
  it('answers 503 SERVICE_UNAVAILABLE with Retry-After and a Chinese message while the database is away', () => {
    expect(probes.filter((p) => p.phase === 'killed').length).toBeGreaterThan(0);
    expect(probes.filter((p) => p.phase === 'frozen').length).toBeGreaterThan(0);
    for (const { submit } of probes) {
      expect({ status: submit.status, code: submit.body.error?.code }).toEqual({ status: 503, code: 'SERVICE_UNAVAILABLE' });
      expect(submit.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(submit.body.error?.message).toMatch(/请稍后再试/);
    }
  });

  it('fails fast instead of hanging: every refusal came within seconds', () => {
    expect(probes.filter((p) => p.submit.ms > FAIL_FAST_MS[p.phase]).map((p) => `${p.phase} ${p.submit.ms} ms`)).toEqual([]);
  });

  it('says not ready on /readyz while the database is away', () => {
    expect(probes.map((p) => `${p.readyz.status} ${p.readyz.body.error?.code}`)).toEqual(probes.map(() => '503 SERVICE_UNAVAILABLE'));
  });

  it('recovers by itself, without a restart, once the database is back', () => {
    expect(bff.pid).toBe(bffPid);
    expect(recovery.killed).toBeGreaterThanOrEqual(0);
    expect(recovery.frozen).toBeGreaterThanOrEqual(0);
  });

  it('answers every submission 201 in the end, and loses none of them', () => {
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 201));
    expect(answers).toHaveLength(RESIDENTS + 2);
    expect(invariants.missing).toEqual([]);
    expect(invariants.summary.applications).toBe(RESIDENTS + 2);
    expect(invariants.halfDecided).toEqual([]);
  });
});
