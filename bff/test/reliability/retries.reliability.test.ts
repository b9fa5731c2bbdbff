import { randomUUID } from 'node:crypto';
import { Types } from 'mongoose';
import { createProgram, DECLARED, FORMS } from '../kit';
import { rawCollection, startTestApp, type TestContext } from '../kit';
import { call, createResident, report, size, type Answer } from './harness';
import { pool } from '../kit';

/**
 * Residents (RELIABILITY_RETRIES: 100 in `npm test`, 1,000 in `npm run
 * test:reliability`) submit once each over HTTP while
 * their clients resend the same request with the same Idempotency-Key:
 * one after another, several at once, and after giving up on an answer
 * that was slow to come (a lost response).
 */
const RESIDENTS = size('RETRIES', 100, 1000);
const IN_FLIGHT = 20;

type Behaviour = 'once' | 'resend' | 'parallel' | 'lost';

/** A small seeded generator, so that a failing run can be repeated with RELIABILITY_SEED. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

interface Client {
  key: string;
  token: string;
  behaviour: Behaviour;
  answers: Answer[];
  lost: number;
}

let t: TestContext;
let programId: string;
const clients: Client[] = [];
const seed = size('SEED', Date.now() % 1_000_000);
const figures = {
  residents: RESIDENTS,
  seed,
  requestsSent: 0,
  resends: 0,
  sentConcurrently: 0,
  answersLost: 0,
  created: 0,
  replayed: 0,
  otherAnswers: 0,
  stored: 0,
  lost: 0,
  duplicates: 0,
  ms: 0,
  p50ms: 0,
  p95ms: 0,
};

beforeAll(async () => {
  t = await startTestApp({ seedCatalog: false });
  programId = await createProgram({ kind: 'loan' });
  const tokens = await pool(
    Array.from({ length: RESIDENTS }, (_, i) => i),
    IN_FLIGHT,
    (i) => createResident(t.baseUrl, i, 'retries'),
  );
  const rnd = random(seed);
  for (const token of tokens) {
    const r = rnd();
    const behaviour: Behaviour = r < 0.4 ? 'once' : r < 0.65 ? 'resend' : r < 0.85 ? 'parallel' : 'lost';
    clients.push({ key: randomUUID(), token, behaviour, answers: [], lost: 0 });
  }

  const body = { programId, form: FORMS.loan, materialIds: [], ...DECLARED };
  const started = Date.now();
  await pool(clients, IN_FLIGHT, async (c) => {
    const send = (abortAfterMs?: number) => {
      figures.requestsSent += 1;
      return call(t.baseUrl, 'POST', '/api/applications', {
        token: c.token,
        body,
        headers: { 'Idempotency-Key': c.key },
        ...(abortAfterMs === undefined ? {} : { abortAfterMs }),
      });
    };
    if (c.behaviour === 'once') c.answers.push(await send());
    if (c.behaviour === 'resend') {
      for (let n = 1 + Math.floor(rnd() * 3); n >= 0; n -= 1) c.answers.push(await send());
    }
    if (c.behaviour === 'parallel') {
      const copies = 2 + Math.floor(rnd() * 3);
      figures.sentConcurrently += copies;
      c.answers.push(...(await Promise.all(Array.from({ length: copies }, () => send()))));
    }
    if (c.behaviour === 'lost') {
      // The client stops waiting after a few ms (its answer is lost) and sends again, once alone and then twice at once.
      await send(1 + Math.floor(rnd() * 40)).then(
        (a) => c.answers.push(a),
        () => (c.lost += 1),
      );
      c.answers.push(await send());
      figures.sentConcurrently += 2;
      c.answers.push(...(await Promise.all([send(), send()])));
    }
  });
  figures.ms = Date.now() - started;
}, 180 * 60_000);

afterAll(async () => {
  const docs = await rawCollection('applications')
    .find({ programId: new Types.ObjectId(programId) }, { projection: { _id: 1 } })
    .toArray();
  const acknowledged = new Set(clients.flatMap((c) => c.answers.filter((a) => a.status === 201).map((a) => String(a.body.id))));
  const stored = new Set(docs.map((d) => String(d._id)));
  figures.resends = figures.requestsSent - clients.length;
  figures.answersLost = clients.reduce((n, c) => n + c.lost, 0);
  figures.created = clients.reduce(
    (n, c) => n + c.answers.filter((a) => a.status === 201 && a.headers.get('idempotent-replayed') !== 'true').length,
    0,
  );
  figures.replayed = clients.reduce((n, c) => n + c.answers.filter((a) => a.headers.get('idempotent-replayed') === 'true').length, 0);
  figures.otherAnswers = clients.reduce((n, c) => n + c.answers.filter((a) => a.status !== 201).length, 0);
  const ms = clients.flatMap((c) => c.answers.map((a) => a.ms)).sort((a, b) => a - b);
  figures.p50ms = ms[Math.floor(ms.length / 2)] ?? 0;
  figures.p95ms = ms[Math.floor(ms.length * 0.95)] ?? 0;
  figures.stored = docs.length;
  figures.lost = [...acknowledged].filter((id) => !stored.has(id)).length;
  figures.duplicates = docs.length - acknowledged.size;
  report('retries', figures);
  await t.close();
});

describe(`${RESIDENTS} submissions with resends under the same Idempotency-Key`, () => {
  it('answers every request of every client with 201', () => {
    const refused = clients.flatMap((c) => c.answers.filter((a) => a.status !== 201).map((a) => `${a.status} ${a.body.error?.code}`));
    expect(refused).toEqual([]);
    expect(clients.every((c) => c.answers.length > 0)).toBe(true);
  });

  it('gives each client one answer for its key: the same application id, number and status every time', () => {
    for (const c of clients) {
      const distinct = new Set(c.answers.map((a) => `${a.body.id} ${a.body.number} ${a.body.status} ${a.body.version}`));
      expect(distinct.size).toBe(1);
    }
    const ids = new Set(clients.map((c) => String(c.answers[0]?.body.id)));
    expect(ids.size).toBe(RESIDENTS);
  });

  it('creates each application once: one answer per key says created (none if that one was lost), every other one replayed', () => {
    for (const c of clients) {
      const created = c.answers.filter((a) => a.headers.get('idempotent-replayed') !== 'true').length;
      expect(c.lost > 0 ? created <= 1 : created === 1).toBe(true);
    }
  });

  it(`stores exactly ${RESIDENTS} applications, one per key`, async () => {
    const docs = await rawCollection('applications')
      .find({ programId: new Types.ObjectId(programId) }, { projection: { idem: 1, status: 1, version: 1 } })
      .toArray();
    expect(docs).toHaveLength(RESIDENTS);
    const keys = docs.map((d) => String(d.idem).split(':').at(-1));
    expect(new Set(keys)).toEqual(new Set(clients.map((c) => c.key)));
    expect(docs.every((d) => d.status === 'submitted' && d.version === 1)).toBe(true);
  });
});
