import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mongoose, { Types } from 'mongoose';
import { connectDatabase } from '../../src/db/connection';
import { createProgram, DECLARED, FORMS } from '../kit';
import { freePort } from '../../src/db/provision';
import { BffProcess, call, createResident, Database, newTally, report, size, sleep, untilAnswered, type Answer } from './harness';
import { pool } from '../kit';
import { checkInvariants, type Invariants } from './invariants';

/**
 * Residents submit to a park and a class while an administrator takes each
 * application under review and approves it (RELIABILITY_CRASH_RESIDENTS: 60
 * in `npm test`, 300 in `npm run test:reliability`); the BFF process is killed with
 * SIGKILL (RELIABILITY_CRASH_KILLS times: 3, 6; spread over the run) and started
 * again on the same port. Every client resends the same request until it is
 * answered.
 */
const RESIDENTS = size('CRASH_RESIDENTS', 60, 300);
const KILLS = size('CRASH_KILLS', 3, 6);
const STALLS = 12;
const SEATS = 12;
const IN_FLIGHT = 20;
const ADMIN = { username: 'reliability-admin', password: 'reliability-password' };

interface Client {
  token: string;
  kind: 'stall' | 'training';
  key: string;
  submitted?: Answer;
  decisions: { action: string; version: number; answer: Answer }[];
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'minsheng-crash-'));
let db: Database;
let bff: BffProcess;
let admin: string;
const programs: Record<Client['kind'], string> = { stall: '', training: '' };
const clients: Client[] = [];
const tally = newTally();
const figures = {
  residents: RESIDENTS,
  stalls: STALLS,
  seats: SEATS,
  requests: 0,
  retries: 0,
  networkErrors: 0,
  kills: 0,
  inFlightAtKills: [] as number[],
  submissionsAcknowledged: 0,
  decisionsAcknowledged: 0,
  stored: 0,
  lost: 0,
  duplicates: 0,
  ms: 0,
};
let invariants: Invariants;

beforeAll(async () => {
  db = new Database(await freePort(), path.join(dir, 'db'));
  await db.start();
  const uri = db.uri('reliability_crash');
  await connectDatabase(uri);
  programs.stall = await createProgram({ kind: 'stall' }, STALLS);
  programs.training = await createProgram({ kind: 'training' }, SEATS);
  bff = new BffProcess(await freePort(), {
    MONGODB_URI: uri,
    DATA_DIR: path.join(dir, 'bff'),
    ADMIN_USERNAME: ADMIN.username,
    ADMIN_PASSWORD: ADMIN.password,
  });
  await bff.start();
  admin = String((await call(bff.url, 'POST', '/api/admin/login', { body: ADMIN })).body.token);
  const tokens = await pool(
    Array.from({ length: RESIDENTS }, (_, i) => i),
    IN_FLIGHT,
    (i) => createResident(bff.url, i, 'crash'),
  );
  tokens.forEach((token, i) => clients.push({ token, kind: i % 2 === 0 ? 'stall' : 'training', key: randomUUID(), decisions: [] }));

  let inFlight = 0;
  let finished = 0;
  const send = async (method: string, url: string, token: string, body: unknown, headers: Record<string, string> = {}) => {
    figures.requests += 1;
    inFlight += 1;
    try {
      return await call(bff.url, method, url, { token, body, headers });
    } finally {
      inFlight -= 1;
    }
  };
  const started = Date.now();
  const load = pool(clients, IN_FLIGHT, async (c) => {
    const body = { programId: programs[c.kind], form: FORMS[c.kind], materialIds: [], ...DECLARED };
    c.submitted = await untilAnswered(() => send('POST', '/api/applications', c.token, body, { 'Idempotency-Key': c.key }), tally);
    const id = String(c.submitted.body.id);
    for (const step of [
      { action: 'start_review', version: 1 },
      { action: 'approve', version: 2 },
    ]) {
      const answer = await untilAnswered(() => send('POST', `/api/admin/applications/${id}/transitions`, admin, step), tally);
      c.decisions.push({ ...step, answer });
      if (answer.status !== 200) break;
    }
    finished += 1;
  });
  // Kills spread over the run by progress, so each one hits requests in flight.
  const killer = (async () => {
    for (let k = 1; k <= KILLS; k += 1) {
      while (finished < (RESIDENTS * k) / (KILLS + 1)) await sleep(20);
      await sleep(Math.random() * 200);
      figures.inFlightAtKills.push(inFlight);
      await bff.kill();
      figures.kills += 1;
      await bff.start();
    }
  })();
  await Promise.all([load, killer]);
  figures.ms = Date.now() - started;
  invariants = await checkInvariants(
    [programs.stall, programs.training],
    clients.filter((c) => c.submitted?.status === 201).map((c) => String(c.submitted?.body.id)),
  );
}, 30 * 60_000);

afterAll(async () => {
  const acknowledged = clients.filter((c) => c.submitted?.status === 201);
  const stored = await mongoose.connection.db
    ?.collection('applications')
    .countDocuments({ programId: { $in: [programs.stall, programs.training].map((p) => new Types.ObjectId(p)) } });
  figures.retries = tally.attempts - clients.reduce((n, c) => n + 1 + c.decisions.length, 0);
  figures.networkErrors = tally.networkErrors;
  figures.submissionsAcknowledged = acknowledged.length;
  figures.decisionsAcknowledged = clients.reduce((n, c) => n + c.decisions.filter((d) => d.answer.status === 200).length, 0);
  figures.stored = stored ?? -1;
  figures.lost = invariants ? invariants.missing.length : -1;
  figures.duplicates = (stored ?? 0) - acknowledged.length;
  // Programme ids read as what they are.
  const summary = invariants
    ? JSON.stringify(invariants.summary).replaceAll(programs.stall, 'park').replaceAll(programs.training, 'class')
    : 'null';
  report('crash', { ...figures, invariants: JSON.parse(summary) as unknown });
  await bff?.stop();
  await mongoose.disconnect();
  await db?.kill();
  rmSync(dir, { recursive: true, force: true });
});

describe(`SIGKILL of the BFF under load (${RESIDENTS} residents, ${KILLS} kills)`, () => {
  it('killed the BFF while requests were in flight, and every client got an answer after resending', () => {
    expect(figures.kills).toBe(KILLS);
    expect(figures.inFlightAtKills.some((n) => n > 0)).toBe(true);
    expect(clients.every((c) => c.submitted?.status === 201)).toBe(true);
  });

  it('stores every acknowledged submission exactly once', async () => {
    const ids = clients.map((c) => String(c.submitted?.body.id));
    const docs = await mongoose.connection.db
      ?.collection('applications')
      .find({ _id: { $in: ids.map((id) => new Types.ObjectId(id)) } }, { projection: { idem: 1 } })
      .toArray();
    expect(docs?.map((d) => String(d._id)).sort()).toEqual([...ids].sort());
    expect(figures.duplicates).toBe(0);
    expect(invariants.missing).toEqual([]);
  });

  it('answers every decision as it was stored: a resent step that went through is answered 200, never 409', () => {
    const answers = clients.flatMap((c) =>
      c.decisions.map((d) => `${d.action} ${d.answer.status} ${d.answer.body.error?.code ?? d.answer.body.status}`),
    );
    const allowed = /^(start_review 200 under_review|approve 200 (approved|waitlisted)|approve 409 NO_CAPACITY)$/;
    expect(answers.filter((a) => !allowed.test(a))).toEqual([]);
    for (const c of clients) {
      const last = c.decisions.at(-1);
      if (last?.answer.status === 200) expect(invariants.statusOf.get(String(c.submitted?.body.id))).toBe(last.answer.body.status);
    }
  });

  it('leaves no application half-decided: status, last history entry and version agree, and no claimed revision is unapplied', () => {
    expect(invariants.halfDecided).toEqual([]);
    expect(invariants.unappliedRevisions).toEqual([]);
  });

  it('leaves no stall or seat held by nothing, and no approved application without its place', () => {
    expect(invariants.orphanHolds).toEqual([]);
    expect(invariants.placesMissing).toEqual([]);
    expect(invariants.foreignHolds).toEqual([]);
    expect(invariants.summary.held).toEqual({ [programs.stall]: STALLS, [programs.training]: SEATS });
  });

  it('fills the class before wait-listing anyone', () => {
    expect(invariants.summary.byStatus).toMatchObject({ [`${programs.training} approved`]: SEATS, [`${programs.stall} approved`]: STALLS });
  });
});
