import { maskIdNumber } from '@minsheng/shared';
import { Types } from 'mongoose';
import { createProgram, idNumber } from '../../test/factories';
import { rebuildReadModels } from '../applications/read-models';
import { staffToken } from '../../test/staff';
import { rawCollection, startTestApp, type TestContext } from '../../test/support';
import { act, bearer, refusal, step, submitFresh, type Submitted } from './test-helpers';

let t: TestContext;
let admin: string;
let reviewer: { token: string; id: string };
let officer: string;
let stallProgram: string;
let trainingProgram: string;
/** A stall application in jmjy (铁心桥街道), submitted late on 10 March China time. */
let early: Submitted;
/** A training application in bqsq (板桥街道), under review, submitted now. */
let training: Submitted;
/** A stall application in bqsq, submitted early on 11 March China time. */
let later: Submitted;

const EARLY_ID = idNumber(901, '19850520');

async function backdate(app: Submitted, at: string): Promise<void> {
  await rawCollection('applications').updateOne({ _id: new Types.ObjectId(app.id) }, { $set: { submittedAt: new Date(at) } });
}

beforeAll(async () => {
  t = await startTestApp({ seedCatalog: false });
  [admin, reviewer, officer] = await Promise.all([
    staffToken(t, 'admin').then((s) => s.token),
    staffToken(t, 'reviewer'),
    staffToken(t, 'officer', ['jmjy']).then((s) => s.token),
  ]);
  [stallProgram, trainingProgram] = await Promise.all([createProgram({ kind: 'stall' }, 5), createProgram({ kind: 'training' }, 5)]);
  [early, training, later] = await Promise.all([
    submitFresh(t, stallProgram, 'stall', { profile: { name: '欧阳修远', mobile: '13912347788', idNumber: EARLY_ID, community: 'jmjy' } }),
    submitFresh(t, trainingProgram, 'training', { profile: { name: '李四海', community: 'bqsq' } }),
    submitFresh(t, stallProgram, 'stall', { profile: { name: '王小明', community: 'bqsq' } }),
  ]);
  await step(t, reviewer.token, training.id, { action: 'start_review', version: 1 });
  await backdate(early, '2026-03-10T23:30:00+08:00');
  // 07:00 China time is still 10 March in UTC: the date filters must count in China time.
  await backdate(later, '2026-03-11T07:00:00+08:00');
  // Written past the product: the read models are rebuilt as after a bulk import.
  await rebuildReadModels();
});
afterAll(() => t.close());

interface QueuePage {
  items: {
    id: string;
    status: string;
    kind: string;
    programId: string;
    street: string;
    community: string;
    applicantName: string;
    mobileMasked: string;
  }[];
  total: number;
  page: number;
  pageSize: number;
}

async function queue(token: string, query: Record<string, string | number>): Promise<QueuePage> {
  const res = await t.http
    .get('/api/admin/applications')
    .set(bearer(token))
    .query({ pageSize: 100, ...query })
    .expect(200);
  return res.body as QueuePage;
}

const ids = (page: QueuePage) => page.items.map((i) => i.id);

describe('who sees what', () => {
  it.each(['admin', 'reviewer'] as const)('shows the %s the applications of every community', async (role) => {
    const page = await queue(role === 'admin' ? admin : reviewer.token, {});
    expect(ids(page)).toEqual(expect.arrayContaining([early.id, training.id, later.id]));
    expect(page.total).toBeGreaterThanOrEqual(3);
  });

  it('shows an officer only the applications of their own communities', async () => {
    const page = await queue(officer, {});
    expect(ids(page)).toContain(early.id);
    expect(ids(page)).not.toContain(training.id);
    expect(ids(page)).not.toContain(later.id);
    expect(page.items.every((i) => i.community === 'jmjy')).toBe(true);
  });

  it('shows an officer nothing when they ask for another community', async () => {
    const page = await queue(officer, { community: 'bqsq' });
    expect(page).toMatchObject({ items: [], total: 0 });
  });

  it("answers 404 NOT_FOUND to an officer opening another community's application", async () => {
    const res = await t.http.get(`/api/admin/applications/${training.id}`).set(bearer(officer));
    expect(refusal(res)).toEqual({ status: 404, code: 'NOT_FOUND' });
  });

  it("answers 404 NOT_FOUND to an officer revealing the ID number on another community's application", async () => {
    const res = await t.http.post(`/api/admin/applications/${training.id}/reveal-id`).set(bearer(officer)).send({ reason: '核对身份' });
    expect(refusal(res)).toEqual({ status: 404, code: 'NOT_FOUND' });
  });

  it("answers 404 NOT_FOUND to an officer's step on another community's application", async () => {
    const res = await act(t, officer, training.id, { action: 'withdraw', version: 2 });
    expect(refusal(res)).toEqual({ status: 404, code: 'NOT_FOUND' });
  });

  it('lets an officer open an application of their own community', async () => {
    const res = await t.http.get(`/api/admin/applications/${early.id}`).set(bearer(officer)).expect(200);
    expect(res.body).toMatchObject({ id: early.id, applicant: { community: 'jmjy' } });
  });
});

describe('queue filters', () => {
  it('narrows by status', async () => {
    const page = await queue(reviewer.token, { status: 'under_review' });
    expect(ids(page)).toContain(training.id);
    expect(ids(page)).not.toContain(early.id);
    expect(page.items.every((i) => i.status === 'under_review')).toBe(true);
  });

  it('narrows by kind', async () => {
    const page = await queue(reviewer.token, { kind: 'training' });
    expect(ids(page)).toContain(training.id);
    expect(ids(page)).not.toContain(early.id);
    expect(page.items.every((i) => i.kind === 'training')).toBe(true);
  });

  it('narrows by programme', async () => {
    const page = await queue(reviewer.token, { programId: stallProgram });
    expect(ids(page).sort()).toEqual([early.id, later.id].sort());
    expect(page.total).toBe(2);
  });

  it('narrows by street', async () => {
    const page = await queue(reviewer.token, { street: '板桥街道' });
    expect(ids(page)).toEqual(expect.arrayContaining([training.id, later.id]));
    expect(ids(page)).not.toContain(early.id);
    expect(page.items.every((i) => i.street === '板桥街道')).toBe(true);
  });

  it('narrows by community', async () => {
    const page = await queue(reviewer.token, { community: 'jmjy' });
    expect(ids(page)).toContain(early.id);
    expect(ids(page)).not.toContain(later.id);
    expect(page.items.every((i) => i.community === 'jmjy')).toBe(true);
  });

  it('narrows by a from-date, counted in China time', async () => {
    const page = await queue(reviewer.token, { programId: stallProgram, from: '2026-03-11' });
    expect(ids(page)).toEqual([later.id]);
  });

  it('narrows by a to-date, including that whole China-time day', async () => {
    const page = await queue(reviewer.token, { programId: stallProgram, to: '2026-03-10' });
    expect(ids(page)).toEqual([early.id]);
  });

  it('combines filters', async () => {
    const page = await queue(reviewer.token, { kind: 'stall', community: 'bqsq', programId: stallProgram });
    expect(ids(page)).toEqual([later.id]);
  });
});

describe('queue search', () => {
  it('finds an application by its number, in any letter case', async () => {
    expect(ids(await queue(reviewer.token, { q: training.number }))).toEqual([training.id]);
    expect(ids(await queue(reviewer.token, { q: training.number.toLowerCase() }))).toEqual([training.id]);
  });

  it("finds applications by the start of the applicant's name", async () => {
    const page = await queue(reviewer.token, { q: '欧阳' });
    expect(ids(page)).toContain(early.id);
    expect(page.items.every((i) => i.applicantName.startsWith('欧阳'))).toBe(true);
  });

  it('does not match the middle of a name', async () => {
    expect(ids(await queue(reviewer.token, { q: '修远' }))).not.toContain(early.id);
  });

  it('finds applications by the last 4 digits of the mobile', async () => {
    const page = await queue(reviewer.token, { q: '7788' });
    expect(ids(page)).toContain(early.id);
    expect(page.items.every((i) => i.mobileMasked.endsWith('7788'))).toBe(true);
  });

  it('finds applications by the full ID number sent in the body of a search', async () => {
    const res = await t.http.post('/api/admin/applications/search').set(bearer(reviewer.token)).send({ q: EARLY_ID }).expect(200);
    expect(ids(res.body)).toEqual([early.id]);
  });

  it.each([
    ['an ID number', EARLY_ID],
    ['a lower-case x ID number', `${EARLY_ID.slice(0, 17)}x`],
    ['a full mobile number', '13912347788'],
  ])('refuses %s in the address of the queue and of the export', async (_what, q) => {
    for (const path of ['/api/admin/applications', '/api/admin/export']) {
      const res = await t.http.get(path).set(bearer(reviewer.token)).query({ q });
      expect(refusal(res)).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
      expect(Object.keys(res.body.error.fields)).toEqual(['q']);
      expect(JSON.stringify(res.body)).not.toContain(q);
    }
  });

  it('shows neither the ID number nor the mobile in the queue', async () => {
    const res = await t.http.post('/api/admin/applications/search').set(bearer(reviewer.token)).send({ q: EARLY_ID }).expect(200);
    expect(JSON.stringify(res.body)).not.toContain(EARLY_ID);
    expect(JSON.stringify(res.body)).not.toContain('13912347788');
    expect(res.body.items[0].idNumberMasked).toBe(maskIdNumber(EARLY_ID));
  });
});

describe('queue order and pages', () => {
  it('sorts newest first by default', async () => {
    expect(ids(await queue(reviewer.token, { programId: stallProgram }))).toEqual([later.id, early.id]);
  });

  it('sorts oldest first on request', async () => {
    expect(ids(await queue(reviewer.token, { programId: stallProgram, sort: 'oldest' }))).toEqual([early.id, later.id]);
  });

  it('pages with the total of all matches', async () => {
    const first = await queue(reviewer.token, { programId: stallProgram, sort: 'oldest', pageSize: 1 });
    const second = await queue(reviewer.token, { programId: stallProgram, sort: 'oldest', pageSize: 1, page: 2 });
    const third = await queue(reviewer.token, { programId: stallProgram, sort: 'oldest', pageSize: 1, page: 3 });
    expect(first).toMatchObject({ total: 2, page: 1, pageSize: 1 });
    expect(ids(first)).toEqual([early.id]);
    expect(second).toMatchObject({ total: 2, page: 2, pageSize: 1 });
    expect(ids(second)).toEqual([later.id]);
    expect(third).toMatchObject({ items: [], total: 2, page: 3 });
  });

  it.each([
    ['pageSize=1000', 'pageSize'],
    ['page=0', 'page'],
    ['status=bogus', 'status'],
    ['kind=bakery', 'kind'],
    ['sort=random', 'sort'],
    ['programId=not-an-id', 'programId'],
    ['from=2026-02-30', 'from'],
    ['unknown=1', '_'],
  ])('answers 400 VALIDATION_FAILED to ?%s', async (query, field) => {
    const res = await t.http.get(`/api/admin/applications?${query}`).set(bearer(reviewer.token));
    expect(refusal(res)).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
    expect(Object.keys(res.body.error.fields)).toEqual([field]);
  });
});

describe('GET /api/admin/applications/:id', () => {
  it('shows the ID number masked and the history with who acted', async () => {
    const app = await submitFresh(t, trainingProgram, 'training');
    await step(t, reviewer.token, app.id, { action: 'start_review', version: 1 });
    await step(t, reviewer.token, app.id, { action: 'reject', version: 2, reason: '年龄不符合' });

    const res = await t.http.get(`/api/admin/applications/${app.id}`).set(bearer(admin)).expect(200);
    expect(res.body.applicant.idNumberMasked).toBe(maskIdNumber(String(app.profile.idNumber)));
    expect(JSON.stringify(res.body)).not.toContain(String(app.profile.idNumber));
    expect(res.body).toMatchObject({ status: 'rejected', version: 3, decidedAt: expect.any(String), actions: [] });
    expect(res.body.history).toEqual([
      { at: expect.any(String), action: 'submit', from: null, to: 'submitted', actorRole: 'resident' },
      {
        at: expect.any(String),
        action: 'start_review',
        from: 'submitted',
        to: 'under_review',
        actorRole: 'reviewer',
        actorName: '测试reviewer',
      },
      {
        at: expect.any(String),
        action: 'reject',
        from: 'under_review',
        to: 'rejected',
        actorRole: 'reviewer',
        actorName: '测试reviewer',
        reason: '年龄不符合',
      },
    ]);
  });

  it("lists the viewer's possible actions", async () => {
    const res = await t.http.get(`/api/admin/applications/${training.id}`).set(bearer(reviewer.token)).expect(200);
    expect([...(res.body.actions as string[])].sort()).toEqual(['approve', 'reject', 'request_info']);
  });

  it('answers 404 NOT_FOUND for an unknown application', async () => {
    const res = await t.http.get(`/api/admin/applications/${String(new Types.ObjectId())}`).set(bearer(reviewer.token));
    expect(refusal(res)).toEqual({ status: 404, code: 'NOT_FOUND' });
  });

  it('answers 400 VALIDATION_FAILED for a malformed id', async () => {
    const res = await t.http.get('/api/admin/applications/not-an-id').set(bearer(reviewer.token));
    expect(refusal(res)).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
  });
});

describe('POST /api/admin/applications/:id/reveal-id', () => {
  it('answers the plaintext ID number, not cached, and audits who asked and why', async () => {
    const res = await t.http
      .post(`/api/admin/applications/${early.id}/reveal-id`)
      .set(bearer(reviewer.token))
      .send({ reason: '核对身份证复印件' })
      .expect(200);
    expect(res.body).toEqual({ idNumber: EARLY_ID });
    expect(res.headers['cache-control']).toBe('no-store');
    const audits = await rawCollection('audits')
      .find({ applicationId: new Types.ObjectId(early.id) })
      .toArray();
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({
      action: 'reveal_id',
      staffName: '测试reviewer',
      role: 'reviewer',
      reason: '核对身份证复印件',
      at: expect.any(Date),
    });
    expect(String(audits[0]?.staffId)).toBe(reviewer.id);
  });

  it.each([{}, { reason: ' ' }])('answers 400 VALIDATION_FAILED without a reason (%j), and audits nothing', async (body) => {
    const before = await rawCollection('audits').countDocuments();
    const res = await t.http.post(`/api/admin/applications/${later.id}/reveal-id`).set(bearer(reviewer.token)).send(body);
    expect(refusal(res)).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
    expect(Object.keys(res.body.error.fields)).toEqual(['reason']);
    expect(res.body.idNumber).toBeUndefined();
    expect(await rawCollection('audits').countDocuments()).toBe(before);
  });
});
