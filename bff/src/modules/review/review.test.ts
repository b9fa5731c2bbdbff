import { maskIdNumber } from '@minsheng/shared';
import { Types } from 'mongoose';
import {
  act,
  createProgram,
  idNumber,
  rawCollection,
  refusal,
  step,
  submitFresh,
  type Actor,
  type Submitted,
  useTestApp,
} from '../../../test/kit';
import { rebuildReadModels } from '../applications/read-models';

const EARLY_ID = idNumber(901, '19850520');

async function backdate(app: Submitted, at: string): Promise<void> {
  await rawCollection('applications').updateOne({ _id: new Types.ObjectId(app.id) }, { $set: { submittedAt: new Date(at) } });
}

/**
 * A stall application in jmjy (铁心桥街道) submitted late on 10 March China time (`early`), a training application in
 * bqsq (板桥街道) under review and submitted now (`training`), and a stall application in bqsq submitted early on
 * 11 March China time (`later`).
 */
const t = useTestApp({ seedCatalog: false, staff: ['admin', 'reviewer', 'officer'] }, async ({ kit, reviewer }) => {
  const [stallProgram, trainingProgram] = await Promise.all([createProgram({ kind: 'stall' }, 5), createProgram({ kind: 'training' }, 5)]);
  const [early, training, later] = await Promise.all([
    submitFresh(kit, stallProgram, 'stall', {
      profile: { name: '欧阳修远', mobile: '13912347788', idNumber: EARLY_ID, community: 'jmjy' },
    }),
    submitFresh(kit, trainingProgram, 'training', { profile: { name: '李四海', community: 'bqsq' } }),
    submitFresh(kit, stallProgram, 'stall', { profile: { name: '王小明', community: 'bqsq' } }),
  ]);
  await step(reviewer, training.id, { action: 'start_review', version: 1 });
  await backdate(early, '2026-03-10T23:30:00+08:00');
  // 07:00 China time is still 10 March in UTC: the date filters must count in China time.
  await backdate(later, '2026-03-11T07:00:00+08:00');
  // Written past the product: the read models are rebuilt as after a bulk import.
  await rebuildReadModels();
  return { stallProgram, trainingProgram, early, training, later };
});

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
  statusCounts: Record<string, number> | null;
}

async function queue(staff: Actor, query: Record<string, string | number>): Promise<QueuePage> {
  const res = await staff
    .get('/api/admin/applications')
    .query({ pageSize: 100, ...query })
    .expect(200);
  return res.body as QueuePage;
}

const ids = (page: QueuePage) => page.items.map((i) => i.id);

describe('who sees what', () => {
  it.each(['admin', 'reviewer'] as const)('shows the %s the applications of every community', async (role) => {
    const page = await queue(role === 'admin' ? t.admin : t.reviewer, {});
    expect(ids(page)).toEqual(expect.arrayContaining([t.early.id, t.training.id, t.later.id]));
    expect(page.total).toBeGreaterThanOrEqual(3);
  });

  it('shows an officer only the applications of their own communities', async () => {
    const page = await queue(t.officer, {});
    expect(ids(page)).toContain(t.early.id);
    expect(ids(page)).not.toContain(t.training.id);
    expect(ids(page)).not.toContain(t.later.id);
    expect(page.items.every((i) => i.community === 'jmjy')).toBe(true);
  });

  it('shows an officer nothing when they ask for another community', async () => {
    const page = await queue(t.officer, { community: 'bqsq' });
    expect(page).toMatchObject({ items: [], total: 0 });
  });

  it("answers 404 NOT_FOUND to an officer opening another community's application", async () => {
    const res = await t.officer.get(`/api/admin/applications/${t.training.id}`);
    expect(refusal(res)).toEqual({ status: 404, code: 'NOT_FOUND' });
  });

  it("answers 404 NOT_FOUND to an officer revealing the ID number on another community's application", async () => {
    const res = await t.officer.post(`/api/admin/applications/${t.training.id}/reveal-id`).send({ reason: '核对身份' });
    expect(refusal(res)).toEqual({ status: 404, code: 'NOT_FOUND' });
  });

  it("answers 404 NOT_FOUND to an officer's step on another community's application", async () => {
    const res = await act(t.officer, t.training.id, { action: 'withdraw', version: 2 });
    expect(refusal(res)).toEqual({ status: 404, code: 'NOT_FOUND' });
  });

  it('lets an officer open an application of their own community', async () => {
    const res = await t.officer.get(`/api/admin/applications/${t.early.id}`).expect(200);
    expect(res.body).toMatchObject({ id: t.early.id, applicant: { community: 'jmjy' } });
  });
});

describe('queue filters', () => {
  it.each([
    ['status', 'under_review', ['training'], 'early'],
    ['kind', 'training', ['training'], 'early'],
    ['street', '板桥街道', ['training', 'later'], 'early'],
    ['community', 'jmjy', ['early'], 'later'],
  ] as const)('narrows by %s', async (field, value, shown, hidden) => {
    const page = await queue(t.reviewer, { [field]: value });
    expect(ids(page)).toEqual(expect.arrayContaining(shown.map((name) => t[name].id)));
    expect(ids(page)).not.toContain(t[hidden].id);
    expect(page.items.every((i) => i[field] === value)).toBe(true);
  });

  it('narrows by programme', async () => {
    const page = await queue(t.reviewer, { programId: t.stallProgram });
    expect(ids(page).sort()).toEqual([t.early.id, t.later.id].sort());
    expect(page.total).toBe(2);
  });

  it('narrows by a from-date, counted in China time', async () => {
    const page = await queue(t.reviewer, { programId: t.stallProgram, from: '2026-03-11' });
    expect(ids(page)).toEqual([t.later.id]);
  });

  it('narrows by a to-date, including that whole China-time day', async () => {
    const page = await queue(t.reviewer, { programId: t.stallProgram, to: '2026-03-10' });
    expect(ids(page)).toEqual([t.early.id]);
  });

  it('combines filters', async () => {
    const page = await queue(t.reviewer, { kind: 'stall', community: 'bqsq', programId: t.stallProgram });
    expect(ids(page)).toEqual([t.later.id]);
  });
});

describe('queue counts per status', () => {
  it('counts the open applications under every filter but the status, within the viewer’s communities', async () => {
    const stalls = await queue(t.reviewer, { programId: t.stallProgram, status: 'under_review' });
    expect({ shown: stalls.items.length, counts: stalls.statusCounts }).toEqual({ shown: 0, counts: { submitted: 2 } });
    expect((await queue(t.reviewer, { programId: t.trainingProgram })).statusCounts).toEqual({ under_review: 1 });
    expect((await queue(t.officer, { programId: t.stallProgram })).statusCounts).toEqual({ submitted: 1 });
    // A final status reads the history, and the chips still count the open queue.
    expect((await queue(t.reviewer, { programId: t.stallProgram, status: 'rejected' })).statusCounts).toEqual({ submitted: 2 });
    // A search by number names its applications directly: no counts.
    expect((await queue(t.reviewer, { q: t.training.number })).statusCounts).toBeNull();
  });
});

describe('queue search', () => {
  it('finds an application by its number, in any letter case', async () => {
    expect(ids(await queue(t.reviewer, { q: t.training.number }))).toEqual([t.training.id]);
    expect(ids(await queue(t.reviewer, { q: t.training.number.toLowerCase() }))).toEqual([t.training.id]);
  });

  it("finds applications by the start of the applicant's name", async () => {
    const page = await queue(t.reviewer, { q: '欧阳' });
    expect(ids(page)).toContain(t.early.id);
    expect(page.items.every((i) => i.applicantName.startsWith('欧阳'))).toBe(true);
  });

  it('does not match the middle of a name', async () => {
    expect(ids(await queue(t.reviewer, { q: '修远' }))).not.toContain(t.early.id);
  });

  it('finds applications by the last 4 digits of the mobile', async () => {
    const page = await queue(t.reviewer, { q: '7788' });
    expect(ids(page)).toContain(t.early.id);
    expect(page.items.every((i) => i.mobileMasked.endsWith('7788'))).toBe(true);
  });

  it('finds applications by the full ID number sent in the body of a search', async () => {
    const res = await t.reviewer.post('/api/admin/applications/search').send({ q: EARLY_ID }).expect(200);
    expect(ids(res.body)).toEqual([t.early.id]);
  });

  it.each([
    ['an ID number', EARLY_ID],
    ['a lower-case x ID number', `${EARLY_ID.slice(0, 17)}x`],
    ['a full mobile number', '13912347788'],
  ])('refuses %s in the address of the queue and of the export', async (_what, q) => {
    for (const path of ['/api/admin/applications', '/api/admin/export']) {
      const res = await t.reviewer.get(path).query({ q });
      expect(refusal(res)).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
      expect(Object.keys(res.body.error.fields)).toEqual(['q']);
      expect(JSON.stringify(res.body)).not.toContain(q);
    }
  });

  it('shows neither the ID number nor the mobile in the queue', async () => {
    const res = await t.reviewer.post('/api/admin/applications/search').send({ q: EARLY_ID }).expect(200);
    expect(JSON.stringify(res.body)).not.toContain(EARLY_ID);
    expect(JSON.stringify(res.body)).not.toContain('13912347788');
    expect(res.body.items[0].idNumberMasked).toBe(maskIdNumber(EARLY_ID));
  });
});

describe('queue order and pages', () => {
  it('sorts newest first by default', async () => {
    expect(ids(await queue(t.reviewer, { programId: t.stallProgram }))).toEqual([t.later.id, t.early.id]);
  });

  it('sorts oldest first on request', async () => {
    expect(ids(await queue(t.reviewer, { programId: t.stallProgram, sort: 'oldest' }))).toEqual([t.early.id, t.later.id]);
  });

  it('pages with the total of all matches', async () => {
    const first = await queue(t.reviewer, { programId: t.stallProgram, sort: 'oldest', pageSize: 1 });
    const second = await queue(t.reviewer, { programId: t.stallProgram, sort: 'oldest', pageSize: 1, page: 2 });
    const third = await queue(t.reviewer, { programId: t.stallProgram, sort: 'oldest', pageSize: 1, page: 3 });
    expect(first).toMatchObject({ total: 2, page: 1, pageSize: 1 });
    expect(ids(first)).toEqual([t.early.id]);
    expect(second).toMatchObject({ total: 2, page: 2, pageSize: 1 });
    expect(ids(second)).toEqual([t.later.id]);
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
    const res = await t.reviewer.get(`/api/admin/applications?${query}`);
    expect(refusal(res)).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
    expect(Object.keys(res.body.error.fields)).toEqual([field]);
  });
});

describe('GET /api/admin/applications/:id', () => {
  it('shows the ID number masked and the history with who acted', async () => {
    const app = await submitFresh(t.kit, t.trainingProgram, 'training');
    await step(t.reviewer, app.id, { action: 'start_review', version: 1 });
    await step(t.reviewer, app.id, { action: 'reject', version: 2, reason: '年龄不符合' });

    const res = await t.admin.get(`/api/admin/applications/${app.id}`).expect(200);
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
    const res = await t.reviewer.get(`/api/admin/applications/${t.training.id}`).expect(200);
    expect([...(res.body.actions as string[])].sort()).toEqual(['approve', 'reject', 'request_info']);
  });

  it('answers 404 NOT_FOUND for an unknown application', async () => {
    const res = await t.reviewer.get(`/api/admin/applications/${String(new Types.ObjectId())}`);
    expect(refusal(res)).toEqual({ status: 404, code: 'NOT_FOUND' });
  });

  it('answers 400 VALIDATION_FAILED for a malformed id', async () => {
    const res = await t.reviewer.get('/api/admin/applications/not-an-id');
    expect(refusal(res)).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
  });
});

describe('POST /api/admin/applications/:id/reveal-id', () => {
  it('answers the plaintext ID number, not cached, and audits who asked and why', async () => {
    const res = await t.reviewer.post(`/api/admin/applications/${t.early.id}/reveal-id`).send({ reason: '核对身份证复印件' }).expect(200);
    expect(res.body).toEqual({ idNumber: EARLY_ID });
    expect(res.headers['cache-control']).toBe('no-store');
    const audits = await rawCollection('audits')
      .find({ applicationId: new Types.ObjectId(t.early.id) })
      .toArray();
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({
      action: 'reveal_id',
      staffName: '测试reviewer',
      role: 'reviewer',
      reason: '核对身份证复印件',
      at: expect.any(Date),
    });
    expect(String(audits[0]?.staffId)).toBe(t.reviewer.id);
  });

  it.each([{}, { reason: ' ' }])('answers 400 VALIDATION_FAILED without a reason (%j), and audits nothing', async (body) => {
    const before = await rawCollection('audits').countDocuments();
    const res = await t.reviewer.post(`/api/admin/applications/${t.later.id}/reveal-id`).send(body);
    expect(refusal(res)).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
    expect(Object.keys(res.body.error.fields)).toEqual(['reason']);
    expect(res.body.idNumber).toBeUndefined();
    expect(await rawCollection('audits').countDocuments()).toBe(before);
  });
});

describe('POST /api/admin/applications/:id/reveal-mobile', () => {
  it('answers the plaintext mobile to phone the applicant, not cached, audited with the reason', async () => {
    const res = await t.officer
      .post(`/api/admin/applications/${t.early.id}/reveal-mobile`)
      .send({ reason: '电话通知补充材料' })
      .expect(200);
    expect(res.body).toEqual({ mobile: '13912347788' });
    expect(res.headers['cache-control']).toBe('no-store');
    const audits = await rawCollection('audits')
      .find({ applicationId: new Types.ObjectId(t.early.id), action: 'reveal_mobile' })
      .toArray();
    expect(audits).toEqual([expect.objectContaining({ role: 'officer', reason: '电话通知补充材料' })]);
    expect(JSON.stringify(audits)).not.toContain('13912347788');
  });

  it('refuses another community’s officer and a missing reason, auditing nothing', async () => {
    const before = await rawCollection('audits').countDocuments();
    const outside = await t.officer.post(`/api/admin/applications/${t.training.id}/reveal-mobile`).send({ reason: '电话联系' });
    expect(refusal(outside)).toEqual({ status: 404, code: 'NOT_FOUND' });
    const bare = await t.reviewer.post(`/api/admin/applications/${t.early.id}/reveal-mobile`).send({});
    expect({ ...refusal(bare), fields: Object.keys(bare.body.error.fields) }).toEqual({
      status: 400,
      code: 'VALIDATION_FAILED',
      fields: ['reason'],
    });
    expect(await rawCollection('audits').countDocuments()).toBe(before);
  });
});
