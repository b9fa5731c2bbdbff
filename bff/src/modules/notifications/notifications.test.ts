import { randomUUID } from 'node:crypto';
import { chinaDate } from '@minsheng/shared';
import { Types } from 'mongoose';
import { type Actor, createProgram, FORMS, resubmit, step, submitFresh, takeSteps, useTestApp } from '../../../test/kit';
import { RevisionModel } from '../applications/model';
import { completePendingRevisions, sweepNotices } from '../applications/revision';
import { createWechatClient } from '../../wechat/client';
import { MessageModel, OutboxLeaseModel, OutboxModel } from './model';
import { createNotificationWorker, type WorkerOptions } from './worker';

const t = useTestApp({ seedCatalog: false, staff: ['reviewer', 'admin'] });
const TEMPLATE = 'dev-application-progress';

beforeEach(() => {
  Object.assign(t.standIn.subscribeSend, { failNext: 0, errcode: -1, delayMs: 0 });
});

function worker(options: Partial<WorkerOptions> = {}) {
  return createNotificationWorker({
    wechat: createWechatClient({ baseUrl: t.standIn.url, appId: t.standIn.appId, appSecret: t.standIn.appSecret }),
    templateId: TEMPLATE,
    leaseMs: 30_000,
    maxAttempts: 3,
    backoffMs: 100,
    sweepMs: 60_000,
    sweepWindowMs: 3600_000,
    sweep: sweepNotices,
    ...options,
  });
}

/** Subscribe-message sends the stand-in received for this application. */
function sendsFor(applicationId: string) {
  return t.standIn.received.filter((c) => c.path === '/cgi-bin/message/subscribe/send' && JSON.stringify(c.body).includes(applicationId));
}

const messages = (resident: Actor, query = '') => resident.get(`/api/me/messages${query}`);

async function freshStall() {
  const programId = await createProgram({ kind: 'stall', title: '景明佳园创业园' }, 2);
  return submitFresh(t.kit, programId, 'stall');
}

/** The resident accepts the progress template once (a grant), with this Idempotency-Key when one is given; the answer is not checked. */
function grant(resident: Actor, key?: string) {
  const request = resident.post('/api/me/subscriptions');
  return (key === undefined ? request : request.set('Idempotency-Key', key)).send({ accepted: [TEMPLATE] });
}

/** How many grants of the progress template the resident has left. */
async function grantsLeft(resident: Actor): Promise<number> {
  return (await resident.get('/api/me/subscriptions').expect(200)).body.available[TEMPLATE] as number;
}

/** A fresh stall application whose applicant granted one message, and the reviewer's request for information: its outbox entry's id. */
async function grantedRequest() {
  const app = await freshStall();
  await grant(app.resident).expect(200);
  await step(t.reviewer, app.id, { action: 'request_info', version: 1, reason: '补充材料' });
  return { app, id: `${app.id}:1` };
}

describe('in-app messages', () => {
  it('tells the resident of a request for information and of the stall assigned, in Chinese, newest first', async () => {
    const app = await freshStall();
    await step(t.reviewer, app.id, { action: 'start_review', version: 1 });
    expect((await messages(app.resident).expect(200)).body).toEqual({ items: [], unread: 0, nextCursor: null });

    await step(t.reviewer, app.id, { action: 'request_info', version: 2, reason: '请补充营业执照照片' });
    const first = await messages(app.resident).expect(200);
    expect(first.body.unread).toBe(1);
    expect(first.body.items).toEqual([
      {
        id: `${app.id}:2`,
        kind: 'info_requested',
        title: '需要补充材料',
        body: `您的「景明佳园创业园」申请（${app.number}）需要补充材料。说明：请补充营业执照照片。请在小程序中补充后重新提交。`,
        applicationId: app.id,
        applicationNumber: app.number,
        statusLabel: '待补充材料',
        createdAt: expect.any(String),
        readAt: null,
      },
    ]);

    await resubmit(app, 3, FORMS.stall);
    await step(t.reviewer, app.id, { action: 'start_review', version: 4 });
    await step(t.reviewer, app.id, { action: 'approve', version: 5, slotLabel: 'S-2' });

    const after = await messages(app.resident).expect(200);
    expect(after.body.unread).toBe(2);
    expect(after.body.items.map((m: { kind: string }) => m.kind)).toEqual(['stall_assigned', 'info_requested']);
    expect(after.body.items[0]).toMatchObject({
      id: `${app.id}:5`,
      title: '摊位已分配',
      body: `您的「景明佳园创业园」申请（${app.number}）已通过，分配摊位：S-2。请按通知办理入驻。`,
      statusLabel: '已通过',
    });
  });

  it('tells of a refusal with its reason, and of a loan disbursed with the amount in yuan', async () => {
    const loanProgram = await createProgram({ kind: 'loan', title: '创业担保贷款' });
    const loan = await submitFresh(t.kit, loanProgram, 'loan');
    await takeSteps(loan.id, 1, [
      [t.reviewer, { action: 'start_review' }],
      [t.reviewer, { action: 'inspect', inspection: { date: chinaDate(), officer: '王站长', notes: '经营场地已落实' } }],
      [t.reviewer, { action: 'approve', approvedFen: 2_800_000, termMonths: 24 }],
      [t.admin, { action: 'disburse', amountFen: 2_800_000, date: chinaDate() }],
    ]);
    const loanMessages = (await messages(loan.resident).expect(200)).body.items as { title: string; body: string }[];
    expect(loanMessages.map((m) => m.title)).toEqual(['贷款已放款', '申请已通过']);
    expect(loanMessages[0]?.body).toContain('已放款 28,000.00 元');
    expect(loanMessages[1]?.body).toContain('批准金额 28,000.00 元，期限 24 个月。');

    const subsidy = await submitFresh(t.kit, await createProgram({ kind: 'subsidy' }), 'subsidy');
    await step(t.reviewer, subsidy.id, { action: 'reject', version: 1, reason: '未满足灵活就业条件' });
    const [refusal] = (await messages(subsidy.resident).expect(200)).body.items as { kind: string; body: string }[];
    expect(refusal).toMatchObject({ kind: 'rejected' });
    expect(refusal?.body).toContain('原因：未满足灵活就业条件。');
  });

  it('tells a wait-listed trainee when a seat frees up', async () => {
    const programId = await createProgram({ kind: 'training', title: '数控车工定单式培训' }, 1);
    const first = await submitFresh(t.kit, programId, 'training');
    const second = await submitFresh(t.kit, programId, 'training');
    for (const app of [first, second]) await step(t.reviewer, app.id, { action: 'start_review', version: 1 });
    await step(t.reviewer, first.id, { action: 'approve', version: 2 });
    expect(await step(t.reviewer, second.id, { action: 'approve', version: 2 })).toMatchObject({ status: 'waitlisted' });
    const [waiting] = (await messages(second.resident).expect(200)).body.items as { kind: string; title: string }[];
    expect(waiting).toMatchObject({ kind: 'waitlisted', title: '已进入候补' });

    await first.resident.post(`/api/applications/${first.id}/withdraw`).send({ version: 3 }).expect(200);
    // Newest first: the promotion above the wait-listing.
    const [promoted] = (await messages(second.resident).expect(200)).body.items as { kind: string; title: string; body: string }[];
    expect(promoted).toMatchObject({ kind: 'seat_promoted', title: '候补已转正' });
    expect(promoted?.body).toContain('由候补转为正式学员（S-1）');
    expect((await messages(first.resident).expect(200)).body.items.map((m: { kind: string }) => m.kind)).toEqual(['seat_taken']);
  });

  it('pages newest first by cursor, without repeats or gaps', async () => {
    const app = await submitFresh(t.kit, await createProgram({ kind: 'loan' }), 'loan');
    let version = 1;
    for (let i = 0; i < 5; i += 1) {
      await step(t.reviewer, app.id, { action: 'request_info', version, reason: `第 ${i + 1} 次补充` });
      await resubmit(app, version + 1, FORMS.loan);
      version += 2;
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    const pages: number[] = [];
    do {
      const page = (await messages(app.resident, `?limit=2${cursor ? `&cursor=${cursor}` : ''}`).expect(200)).body as {
        items: { id: string }[];
        nextCursor: string | null;
      };
      pages.push(page.items.length);
      seen.push(...page.items.map((m) => m.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(pages).toEqual([2, 2, 1]);
    expect(seen).toEqual([9, 7, 5, 3, 1].map((v) => `${app.id}:${v}`));
  });

  it('refuses a cursor that is not one', async () => {
    const app = await freshStall();
    const res = await messages(app.resident, '?cursor=bm90LWEtY3Vyc29y').expect(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
  });
});

describe('marking read', () => {
  async function withTwoMessages() {
    const app = await submitFresh(t.kit, await createProgram({ kind: 'loan' }), 'loan');
    await step(t.reviewer, app.id, { action: 'request_info', version: 1, reason: '补充经营场地证明' });
    await resubmit(app, 2, FORMS.loan);
    await step(t.reviewer, app.id, { action: 'reject', version: 3, reason: '材料不全' });
    return app;
  }

  it('marks the named messages read and counts the rest', async () => {
    const app = await withTwoMessages();
    const res = await app.resident
      .post('/api/me/messages/read')
      .send({ ids: [`${app.id}:1`] })
      .expect(200);
    expect(res.body).toEqual({ marked: 1, unread: 1 });
    const items = (await messages(app.resident).expect(200)).body.items as { id: string; readAt: string | null }[];
    expect(items.map((m) => [m.id, m.readAt !== null])).toEqual([
      [`${app.id}:3`, false],
      [`${app.id}:1`, true],
    ]);
  });

  it('marks all read', async () => {
    const app = await withTwoMessages();
    expect((await app.resident.post('/api/me/messages/read').send({ all: true }).expect(200)).body).toEqual({
      marked: 2,
      unread: 0,
    });
  });

  it("neither shows nor marks another resident's messages", async () => {
    const owner = await withTwoMessages();
    const other = await freshStall();
    expect((await messages(other.resident).expect(200)).body).toEqual({ items: [], unread: 0, nextCursor: null });
    const res = await other.resident
      .post('/api/me/messages/read')
      .send({ ids: [`${owner.id}:1`, `${owner.id}:3`] })
      .expect(200);
    expect(res.body).toEqual({ marked: 0, unread: 0 });
    expect((await messages(owner.resident).expect(200)).body.unread).toBe(2);
  });

  it('refuses a body that names no messages', async () => {
    const app = await freshStall();
    const res = await app.resident
      .post('/api/me/messages/read')
      .send({ ids: [{ $ne: null }] })
      .expect(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
  });
});

describe('subscribe grants and the outbox', () => {
  it('lists the template ids to ask for', async () => {
    const app = await freshStall();
    const res = await app.resident.get('/api/me/subscriptions').expect(200);
    expect(res.body).toEqual({ templateIds: [TEMPLATE], available: { [TEMPLATE]: 0 } });
  });

  it('refuses a template id the BFF does not send with, and records nothing', async () => {
    const app = await freshStall();
    const res = await app.resident
      .post('/api/me/subscriptions')
      .send({ accepted: ['someone-elses'] })
      .expect(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(await grantsLeft(app.resident)).toBe(0);
  });

  it('records one grant per acceptance: a resent request with the same Idempotency-Key adds none', async () => {
    const app = await freshStall();
    const key = randomUUID();
    expect((await grant(app.resident, key).expect(200)).body.available[TEMPLATE]).toBe(1);
    const copies = await Promise.all([grant(app.resident, key), grant(app.resident, key), grant(app.resident, key)]);
    expect(copies.map((r) => [r.status, r.body.available[TEMPLATE]])).toEqual([
      [200, 1],
      [200, 1],
      [200, 1],
    ]);
    expect((await grant(app.resident, randomUUID()).expect(200)).body.available[TEMPLATE]).toBe(2);
    await grant(app.resident, 'not a key!').expect(400);
    expect(await grantsLeft(app.resident)).toBe(2);
  });

  it('sends one WeChat message per grant; without a grant only the in-app message is kept', async () => {
    const app = await freshStall();
    expect((await grant(app.resident).expect(200)).body.available[TEMPLATE]).toBe(1);

    await step(t.reviewer, app.id, { action: 'start_review', version: 1 });
    await step(t.reviewer, app.id, { action: 'request_info', version: 2, reason: '请补充身份证照片' });
    const w = worker();
    await w.tick();
    const sends = sendsFor(app.id);
    expect(sends).toHaveLength(1);
    expect(sends[0]).toMatchObject({
      errcode: 0,
      body: {
        touser: app.resident.name,
        template_id: TEMPLATE,
        page: `packages/apply/pages/application/index?id=${app.id}&message=${encodeURIComponent(`${app.id}:2`)}`,
        data: {
          thing1: { value: '景明佳园创业园' },
          character_string2: { value: app.number },
          phrase3: { value: '待补充材料' },
          thing4: { value: '需要补充材料' },
          time5: { value: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/) },
        },
      },
    });
    expect(await OutboxModel.findById(`${app.id}:2`).lean()).toMatchObject({ status: 'sent', attempts: 1, doneBy: w.owner });
    expect(await grantsLeft(app.resident)).toBe(0);

    await step(t.reviewer, app.id, { action: 'reject', version: 3, reason: '材料不符' });
    await w.tick();
    expect(sendsFor(app.id)).toHaveLength(1);
    expect(await OutboxModel.findById(`${app.id}:3`).lean()).toMatchObject({ status: 'skipped', lastError: 'no_grant' });
    expect((await messages(app.resident).expect(200)).body.unread).toBe(2);
  });

  it('spends each grant once when two workers run at the same time', async () => {
    const app = await freshStall();
    await grant(app.resident).expect(200);
    await step(t.reviewer, app.id, { action: 'request_info', version: 1, reason: '补充一' });
    await resubmit(app, 2, FORMS.stall);
    await step(t.reviewer, app.id, { action: 'request_info', version: 3, reason: '补充二' });

    await Promise.all([worker().tick(), worker().tick(), worker().tick()]);
    expect(sendsFor(app.id)).toHaveLength(1);
    const outcomes = await OutboxModel.find({ applicationId: new Types.ObjectId(app.id) })
      .sort({ _id: 1 })
      .lean();
    expect(outcomes.map((o) => o.status).sort()).toEqual(['sent', 'skipped']);
  });

  it('retries with growing pauses, then stops with the reason and gives the grant back', async () => {
    const { app, id } = await grantedRequest();
    Object.assign(t.standIn.subscribeSend, { failNext: 10, errcode: 45009 });
    const w = worker({ maxAttempts: 3, backoffMs: 200 });

    // Each tick is given its clock, so how long the machine takes cannot make an entry due early or late; a
    // pause counts from when the failure was recorded, somewhere within the tick.
    const t1 = Date.now();
    expect(await w.tick(new Date(t1))).toMatchObject({ retried: 1 });
    const t1Done = Date.now();
    const first = await OutboxModel.findById(id).orFail().lean();
    expect(first).toMatchObject({ status: 'pending', attempts: 1, generation: 1, lastError: expect.stringContaining('errcode 45009') });
    expect(first.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(t1 + 200);
    expect(first.nextAttemptAt.getTime()).toBeLessThanOrEqual(t1Done + 200);

    // Not due yet: nothing is sent.
    expect(await w.tick(new Date(first.nextAttemptAt.getTime() - 1))).toMatchObject({ retried: 0, sent: 0 });
    expect(sendsFor(app.id)).toHaveLength(1);

    const t2 = Date.now();
    expect(await w.tick(first.nextAttemptAt)).toMatchObject({ retried: 1 });
    const t2Done = Date.now();
    const second = await OutboxModel.findById(id).orFail().lean();
    expect(second).toMatchObject({ attempts: 2, generation: 2 });
    expect(second.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(t2 + 400);
    expect(second.nextAttemptAt.getTime()).toBeLessThanOrEqual(t2Done + 400);

    expect(await w.tick(second.nextAttemptAt)).toMatchObject({ failed: 1 });
    expect(await OutboxModel.findById(id).lean()).toMatchObject({
      status: 'failed',
      attempts: 3,
      lastError: expect.stringContaining('errcode 45009'),
    });
    expect(sendsFor(app.id).map((c) => c.errcode)).toEqual([45009, 45009, 45009]);
    expect(await grantsLeft(app.resident)).toBe(1);
    expect(await w.tick()).toMatchObject({ sent: 0, failed: 0, retried: 0 });
  });

  it('gives up at once when WeChat says the resident has not subscribed', async () => {
    const { id } = await grantedRequest();
    Object.assign(t.standIn.subscribeSend, { failNext: 1, errcode: 43101 });
    expect(await worker().tick()).toMatchObject({ skipped: 1 });
    expect(await OutboxModel.findById(id).lean()).toMatchObject({
      status: 'skipped',
      attempts: 0,
      lastError: expect.stringContaining('43101'),
    });
  });

  it('takes over an entry whose lease expired, in the next generation, and sends it once', async () => {
    const { app, id } = await grantedRequest();
    // A worker that took the lease and died.
    await OutboxLeaseModel.create({
      _id: `${id}#0`,
      outboxId: id,
      owner: 'dead',
      takenAt: new Date(Date.now() - 60_000),
      expiresAt: new Date(Date.now() - 1000),
    });

    await Promise.all([worker().tick(), worker().tick()]);
    expect(sendsFor(app.id)).toHaveLength(1);
    expect(await OutboxModel.findById(id).lean()).toMatchObject({ status: 'sent', generation: 1 });
    expect((await OutboxLeaseModel.find({ outboxId: id }).lean()).map((l) => l._id).sort()).toEqual([`${id}#0`, `${id}#1`]);
  });

  it('leaves an entry alone while another worker holds a live lease', async () => {
    const app = await freshStall();
    await step(t.reviewer, app.id, { action: 'request_info', version: 1, reason: '补充材料' });
    const id = `${app.id}:1`;
    await OutboxLeaseModel.create({
      _id: `${id}#0`,
      outboxId: id,
      owner: 'busy',
      takenAt: new Date(),
      expiresAt: new Date(Date.now() + 60_000),
    });
    expect(await worker().tick()).toMatchObject({ busy: 1, sent: 0, skipped: 0 });
    expect(await OutboxModel.findById(id).lean()).toMatchObject({ status: 'pending', generation: 0 });
  });
});

describe('nothing lost between a change and its notice', () => {
  it('re-files the message and outbox entry of an applied change that a crash left unfiled', async () => {
    const app = await freshStall();
    await step(t.reviewer, app.id, { action: 'request_info', version: 1, reason: '补充材料' });
    const id = `${app.id}:1`;
    await MessageModel.deleteOne({ _id: id });
    await OutboxModel.deleteOne({ _id: id });

    expect(await sweepNotices(new Date(Date.now() - 60_000))).toBe(2);
    expect((await messages(app.resident).expect(200)).body.items.map((m: { id: string }) => m.id)).toEqual([id]);
    expect(await OutboxModel.findById(id).lean()).toMatchObject({ status: 'pending' });
    expect(await sweepNotices(new Date(Date.now() - 60_000))).toBe(0);
  });

  it("sweeps the whole window in a worker's first round, and later only the time since its last sweep", async () => {
    const running = worker({ sweepMs: 1000 });
    const t0 = Date.now();
    await running.tick(new Date(t0));
    // Two changes whose notices a crash left unfiled: one claimed half an hour ago, one just now.
    const [old, recent] = [await freshStall(), await freshStall()];
    for (const app of [old, recent]) await step(t.reviewer, app.id, { action: 'request_info', version: 1, reason: '补充材料' });
    await RevisionModel.updateOne({ _id: `${old.id}:1` }, { $set: { at: new Date(t0 - 30 * 60_000) } });
    for (const id of [`${old.id}:1`, `${recent.id}:1`]) {
      await MessageModel.deleteOne({ _id: id });
      await OutboxModel.deleteOne({ _id: id });
    }

    await running.tick(new Date(t0 + 2000));
    expect(await MessageModel.exists({ _id: `${recent.id}:1` })).not.toBeNull();
    expect(await MessageModel.exists({ _id: `${old.id}:1` })).toBeNull();
    // A process started after the crash looks back the whole window.
    await worker({ sweepMs: 1000 }).tick(new Date(t0 + 2000));
    expect(await MessageModel.exists({ _id: `${old.id}:1` })).not.toBeNull();
    expect(await OutboxModel.exists({ _id: `${old.id}:1` })).not.toBeNull();
  });

  it('files nothing for a claimed change not applied yet, and files it when the change is completed', async () => {
    const app = await freshStall();
    await step(t.reviewer, app.id, { action: 'request_info', version: 1, reason: '补充材料' });
    // Copy of the claim the reviewer's next step would make, left unapplied as if the process died after claiming.
    const claim = await RevisionModel.findById(`${app.id}:1`).orFail().lean();
    await RevisionModel.create({ ...claim, _id: `${app.id}:2`, fromVersion: 2, at: new Date(), changes: [{ path: 'version', value: 3 }] });

    expect(await sweepNotices(new Date(Date.now() - 60_000))).toBe(0);
    expect(await MessageModel.exists({ _id: `${app.id}:2` })).toBeNull();
    await completePendingRevisions(new Date(Date.now() - 60_000));
    expect(await MessageModel.exists({ _id: `${app.id}:2` })).not.toBeNull();
    expect(await OutboxModel.exists({ _id: `${app.id}:2` })).not.toBeNull();
  });
});
