import { randomBytes, randomUUID } from 'node:crypto';
import mongoose, { Types } from 'mongoose';
import { connectDatabase, ensureIndexes } from '../../db/connection';
import { call, createResident, report, type Answer } from '../../../test/reliability/harness';
import { createProgram, DECLARED, FORMS, pool, startBffProcess, type BffProcess } from '../../../test/kit';
import { seedCommunities } from '../communities/seed';
import { seedPrograms } from '../programs/seed';
import { ensureFirstAdmin } from '../staff/service';
import { startWechatStandIn, type WechatStandIn } from '../../wechat/stand-in';
import { MessageModel, OutboxLeaseModel, OutboxModel } from './model';

/**
 * Three real BFF processes on one database and one WeChat stand-in. Residents
 * grant subscriptions, staff and residents drive APPLICATIONS × 3 notifiable
 * changes over HTTP spread across the processes, and one process is
 * SIGKILLed a quarter of the way through, while requests are in flight. Every change must end as exactly one
 * in-app message and at least one message accepted by the stand-in.
 *
 * A second WeChat message is possible by design, and only for an entry the
 * killed process was sending: killed after WeChat accepted the message and
 * before it recorded "sent" (one database write), it leaves the entry to be
 * taken over and sent again when its lease expires; WeChat's send has no
 * idempotency key (see worker.ts). The stand-in's 20 ms per send makes that
 * window wide enough to be hit now and then, so the test allows exactly that
 * and nothing more: a repeat only of an entry taken over after an expired
 * lease, at most once per takeover.
 */
const APPLICATIONS = 20;
const NOTIFIABLE_PER_APPLICATION = 3;
const N = APPLICATIONS * NOTIFIABLE_PER_APPLICATION;
const TEMPLATE = 'dev-application-progress';
const ADMIN = { username: 'outbox-admin', password: 'outbox-admin-password' };
const LEASE_MS = 8000;

let standIn: WechatStandIn;
let processes: BffProcess[] = [];
let dbUri = '';

beforeAll(async () => {
  const base = process.env.MINSHENG_TEST_MONGODB_URI;
  if (!base) throw new Error('the Jest global setup did not provide a database');
  const url = new URL(base);
  url.pathname = `/t_outbox_processes_${randomBytes(3).toString('hex')}`;
  dbUri = url.toString();
  await connectDatabase(dbUri);
  // Seeded once here, so that three processes starting together find it done.
  await ensureIndexes();
  await seedCommunities();
  await seedPrograms();
  await ensureFirstAdmin(ADMIN.username, ADMIN.password);

  standIn = await startWechatStandIn();
  // A little time inside each send, so that the kill can land between a send and its record.
  standIn.subscribeSend.delayMs = 20;
  const env = {
    WECHAT_API_BASE: standIn.url,
    WECHAT_APP_ID: standIn.appId,
    WECHAT_APP_SECRET: standIn.appSecret,
    WECHAT_SUBSCRIBE_TEMPLATE_ID: TEMPLATE,
    TOKEN_SECRET: randomBytes(32).toString('base64url'),
    PII_KEY: randomBytes(32).toString('base64'),
    ADMIN_USERNAME: ADMIN.username,
    ADMIN_PASSWORD: ADMIN.password,
    LOG_LEVEL: 'warn',
    NOTIFY_INTERVAL_MS: '100',
    NOTIFY_LEASE_MS: String(LEASE_MS),
    NOTIFY_SWEEP_MS: '500',
    NOTIFY_BACKOFF_MS: '200',
  };
  processes = await Promise.all([0, 1, 2].map(() => startBffProcess({ mongodbUri: dbUri, env })));
}, 180_000);

afterAll(async () => {
  await Promise.all(processes.map((p) => p.stop(5000)));
  await standIn?.close();
  await mongoose.connection.dropDatabase().catch(() => undefined);
  await mongoose.disconnect();
});

const alive = new Set([0, 1, 2]);

/** Sends the request to process `preferred`, or to the next one alive when that one is gone. */
async function anyProcess(preferred: number, send: (url: string) => Promise<Answer>): Promise<Answer> {
  for (let attempt = 0; attempt < 20; attempt += 1) {
    const index = [0, 1, 2].map((k) => (preferred + attempt + k) % 3).find((k) => alive.has(k)) ?? 0;
    const target = processes[index];
    if (!target) throw new Error('no process');
    try {
      const answer = await send(target.url);
      if (answer.status !== 503) return answer;
    } catch {
      // Killed under us: try another.
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('no process answered');
}

interface Case {
  id: string;
  token: string;
}

/** The script of each application: [who, action, version it starts from]; starred steps notify. */
const SCRIPT = [
  ['staff', 'request_info', 1],
  ['resident', 'resubmit', 2],
  ['staff', 'request_info', 3],
  ['resident', 'resubmit', 4],
  ['staff', 'reject', 5],
] as const;

it(`delivers ${N} notices, repeating only what the killed process was sending, with one of three processes killed mid-run`, async () => {
  const started = Date.now();
  const programId = await createProgram({ kind: 'loan', title: '创业担保贷款（测试）' });
  const login = await call(processes[0]?.url ?? '', 'POST', '/api/admin/login', { body: ADMIN });
  const staff = String(login.body.token);
  const tag = randomUUID().slice(0, 6);

  const cases: Case[] = await pool(
    Array.from({ length: APPLICATIONS }, (_, i) => i),
    6,
    async (i) => {
      const url = processes[i % 3]?.url ?? '';
      const token = await createResident(url, i, `outbox-${tag}`);
      // One acceptance per notice to come: WeChat allows one message per acceptance.
      for (let g = 0; g < NOTIFIABLE_PER_APPLICATION; g += 1) {
        const granted = await call(url, 'POST', '/api/me/subscriptions', { token, body: { accepted: [TEMPLATE] } });
        if (granted.status !== 200) throw new Error(`grant failed: ${granted.status}`);
      }
      const submitted = await call(url, 'POST', '/api/applications', {
        token,
        headers: { 'Idempotency-Key': randomUUID() },
        body: { programId, form: FORMS.loan, materialIds: [], ...DECLARED },
      });
      if (submitted.status !== 201) throw new Error(`submit failed: ${submitted.status} ${JSON.stringify(submitted.body)}`);
      return { id: String(submitted.body.id), token };
    },
  );

  let changes = 0;
  let killedAt: { afterChanges: number; ms: number; pendingOutbox: number } | undefined;
  const version = async (c: Case, preferred: number) => {
    const res = await anyProcess(preferred, (url) => call(url, 'GET', `/api/applications/${c.id}`, { token: c.token }));
    return Number(res.body.version);
  };

  for (const [who, action, from] of SCRIPT) {
    await pool(cases, 6, async (c, i) => {
      const preferred = (i + from) % 3;
      // Retried on another process until the application has moved past `from`: a killed process may have
      // claimed the change without applying it, which the next attempt finishes (and then answers 409).
      for (;;) {
        if ((await version(c, preferred)) > from) break;
        const res =
          who === 'staff'
            ? await anyProcess(preferred, (url) =>
                call(url, 'POST', `/api/admin/applications/${c.id}/transitions`, {
                  token: staff,
                  body: { action, version: from, reason: `第 ${from} 步的原因` },
                }),
              )
            : await anyProcess(preferred, (url) =>
                call(url, 'POST', `/api/applications/${c.id}/resubmit`, {
                  token: c.token,
                  body: { version: from, form: FORMS.loan, materialIds: [], ...DECLARED },
                }),
              );
        if (![200, 409].includes(res.status)) throw new Error(`${action} answered ${res.status} ${JSON.stringify(res.body)}`);
      }
      if (who === 'staff') changes += 1;
      if (!killedAt && changes >= Math.floor(N / 4)) {
        alive.delete(1);
        processes[1]?.child.kill('SIGKILL');
        killedAt = {
          afterChanges: changes,
          ms: Date.now() - started,
          pendingOutbox: await OutboxModel.countDocuments({ status: 'pending' }),
        };
      }
    });
  }
  expect(killedAt).toBeDefined();
  // The kill must have ended the server itself, not a wrapper that left it sending.
  const killed = processes[1];
  expect(await killed?.exited).toBe('SIGKILL');
  expect(
    await fetch(`${killed?.url}/readyz`).then(
      () => 'answered',
      () => 'refused',
    ),
  ).toBe('refused');
  const drivenMs = Date.now() - started;

  const ids = new Set(cases.map((c) => c.id));
  const expected = cases.flatMap((c) => [1, 3, 5].map((v) => `${c.id}:${v}`)).sort();
  const accepted = () =>
    standIn.received
      .filter((r) => r.path === '/cgi-bin/message/subscribe/send' && r.errcode === 0)
      .map((r) => decodeURIComponent(/[?&]message=([^&]+)/.exec(String((r.body as { page?: string }).page))?.[1] ?? ''))
      .filter((id) => ids.has(id.split(':')[0] ?? ''));

  // Wait for the survivors to send everything, the killed process's leases included (they expire after LEASE_MS):
  // until every entry is recorded done and the stand-in holds every notice, however long a busy machine takes
  // (the test's own timeout bounds it). Once no entry is pending no worker leases one again, so a repeat can only
  // have been sent before the entry was recorded, and is already in the stand-in's log.
  const delivered = async () => new Set(accepted()).size >= N && (await OutboxModel.countDocuments({ status: 'pending' })) === 0;
  while (!(await delivered())) await new Promise((r) => setTimeout(r, 200));

  const sent = accepted();
  const messages = await MessageModel.find({ applicationId: { $in: cases.map((c) => new Types.ObjectId(c.id)) } }, { _id: 1 }).lean<
    { _id: string }[]
  >();
  const outbox = await OutboxModel.find({}, { status: 1, doneBy: 1, generation: 1 }).lean();
  const takenOver = new Set(outbox.filter((o) => o.generation > 0).map((o) => String(o._id)));
  const takeovers = takenOver.size;
  const repeats = sent.filter((id, i) => sent.indexOf(id) !== i);
  const leases = await OutboxLeaseModel.countDocuments();

  report('outbox-three-processes', {
    notices: N,
    acceptedByStandIn: sent.length,
    distinctAccepted: new Set(sent).size,
    inAppMessages: messages.length,
    outboxByStatus: Object.fromEntries(
      ['pending', 'sent', 'skipped', 'failed'].map((s) => [s, outbox.filter((o) => o.status === s).length]),
    ),
    sentByProcess: [...new Set(outbox.map((o) => o.doneBy))].map((owner) => outbox.filter((o) => o.doneBy === owner).length),
    killed: killedAt,
    takeoversAfterExpiredLease: takeovers,
    repeatedAfterTakeover: repeats.length,
    leases,
    drivenMs,
    totalMs: Date.now() - started,
  });

  expect([...new Set(sent)].sort()).toEqual(expected);
  expect(repeats.filter((id) => !takenOver.has(id))).toEqual([]);
  expect(repeats.length).toBeLessThanOrEqual(takeovers);
  expect(messages.map((m) => m._id).sort()).toEqual(expected);
  expect(outbox.every((o) => o.status === 'sent')).toBe(true);
  expect(outbox).toHaveLength(N);
}, 240_000);
