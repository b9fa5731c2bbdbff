import { applicantFor, FORMS, loginResident, oid, postApplication, programId, uploadMaterials } from '../../test/factories';
import { startTestApp, type TestContext } from '../../test/support';
import { ApplicationModel } from './model';

let t: TestContext;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
const withdraw = (token: string, id: string, body: object) => t.http.post(`/api/applications/${id}/withdraw`).set(bearer(token)).send(body);
const resubmit = (token: string, id: string, body: object) => t.http.post(`/api/applications/${id}/resubmit`).set(bearer(token)).send(body);

describe('GET /api/applications', () => {
  it("lists the resident's own applications and nobody else's", async () => {
    const mine = await applicantFor(t, 'training-lathe');
    const a = await postApplication(t, mine.token, mine.body).expect(201);
    const loanMaterials = await uploadMaterials(t, mine.token, ['id_card', 'reemployment_certificate']);
    const b = await postApplication(t, mine.token, {
      programId: await programId('loan-guaranteed'),
      form: FORMS.loan,
      materialIds: loanMaterials,
    }).expect(201);
    const other = await applicantFor(t, 'training-lathe');
    await postApplication(t, other.token, other.body).expect(201);
    const res = await t.http.get('/api/applications').set(bearer(mine.token)).expect(200);
    expect((res.body.items as { id: string }[]).map((x) => x.id).sort()).toEqual([a.body.id, b.body.id].sort());
  });

  it('answers 401 without a token', async () => {
    const res = await t.http.get('/api/applications').expect(401);
    expect(res.body.error.code).toBe('UNAUTHENTICATED');
  });
});

describe('GET /api/applications/:id', () => {
  it('shows one of the resident’s own applications with its materials', async () => {
    const { token, body } = await applicantFor(t, 'training-lathe');
    const created = await postApplication(t, token, body).expect(201);
    const res = await t.http.get(`/api/applications/${created.body.id}`).set(bearer(token)).expect(200);
    expect(res.body).toEqual(created.body);
  });

  it("answers 404 for someone else's application", async () => {
    const { token, body } = await applicantFor(t, 'training-lathe');
    const created = await postApplication(t, token, body).expect(201);
    const res = await t.http
      .get(`/api/applications/${created.body.id}`)
      .set(bearer(await loginResident(t)))
      .expect(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
  });

  it('answers 404 for an unknown id', async () => {
    const res = await t.http
      .get(`/api/applications/${oid()}`)
      .set(bearer(await loginResident(t)))
      .expect(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
  });

  it('answers 400 with fields.id for a malformed id', async () => {
    const res = await t.http
      .get('/api/applications/YH-2026-000001')
      .set(bearer(await loginResident(t)))
      .expect(400);
    expect(Object.keys(res.body.error.fields)).toEqual(['id']);
  });
});

describe('POST /api/applications/:id/withdraw', () => {
  async function submitted() {
    const { token, body } = await applicantFor(t, 'training-lathe');
    const res = await postApplication(t, token, body).expect(201);
    return { token, id: res.body.id as string };
  }

  it('withdraws a submitted application and records why', async () => {
    const { token, id } = await submitted();
    const res = await withdraw(token, id, { version: 1, reason: '已找到工作' }).expect(200);
    expect(res.body.status).toBe('withdrawn');
    expect(res.body.version).toBe(2);
    expect(res.body.history).toHaveLength(2);
    expect(res.body.history[1]).toMatchObject({
      action: 'withdraw',
      from: 'submitted',
      to: 'withdrawn',
      actorRole: 'resident',
      reason: '已找到工作',
    });
  });

  it('answers 409 STALE_VERSION for a version that is not the current one', async () => {
    const { token, id } = await submitted();
    const res = await withdraw(token, id, { version: 7 }).expect(409);
    expect(res.body.error.code).toBe('STALE_VERSION');
    const now = await t.http.get(`/api/applications/${id}`).set(bearer(token)).expect(200);
    expect(now.body).toMatchObject({ status: 'submitted', version: 1 });
  });

  it('answers 409 INVALID_TRANSITION when withdrawn twice', async () => {
    const { token, id } = await submitted();
    await withdraw(token, id, { version: 1 }).expect(200);
    const res = await withdraw(token, id, { version: 2 }).expect(409);
    expect(res.body.error.code).toBe('INVALID_TRANSITION');
  });

  it('lets only one of ten simultaneous withdrawals through', async () => {
    const { token, id } = await submitted();
    const all = await Promise.all(Array.from({ length: 10 }, () => withdraw(token, id, { version: 1 })));
    expect(all.filter((r) => r.status === 200)).toHaveLength(1);
    expect(all.filter((r) => r.status === 409)).toHaveLength(9);
    const stored = await ApplicationModel.findById(id).orFail().lean();
    expect(stored.history).toHaveLength(2);
    expect(stored.version).toBe(2);
  });

  it("answers 404 for someone else's application", async () => {
    const { id } = await submitted();
    const res = await withdraw(await loginResident(t), id, { version: 1 }).expect(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
  });

  it('answers 400 with fields.version without a version', async () => {
    const { token, id } = await submitted();
    const res = await withdraw(token, id, {}).expect(400);
    expect(Object.keys(res.body.error.fields)).toEqual(['version']);
  });

  it('answers 401 without a token', async () => {
    const { id } = await submitted();
    const res = await t.http.post(`/api/applications/${id}/withdraw`).send({ version: 1 }).expect(401);
    expect(res.body.error.code).toBe('UNAUTHENTICATED');
  });
});

describe('POST /api/applications/:id/resubmit', () => {
  /** A submitted application a reviewer has asked more of: set in the database, so that these tests need only resident routes. */
  async function needingInfo(code = 'training-lathe') {
    const { token, body } = await applicantFor(t, code);
    const res = await postApplication(t, token, body).expect(201);
    const id = res.body.id as string;
    const moved = await ApplicationModel.updateOne(
      { _id: id, status: 'submitted', version: 1 },
      {
        $set: { status: 'needs_info' },
        $inc: { version: 1 },
        $push: {
          history: {
            at: new Date(),
            action: 'request_info',
            from: 'submitted',
            to: 'needs_info',
            actorRole: 'reviewer',
            reason: '请补充工作经历',
          },
        },
      },
    );
    expect(moved.modifiedCount).toBe(1);
    return { token, body, id };
  }

  it('answers 409 INVALID_TRANSITION when no information was requested', async () => {
    const { token, body } = await applicantFor(t, 'training-lathe');
    const created = await postApplication(t, token, body).expect(201);
    const res = await resubmit(token, created.body.id, { version: 1, form: FORMS.training, materialIds: body.materialIds }).expect(409);
    expect(res.body.error.code).toBe('INVALID_TRANSITION');
  });

  it('resubmits with the edited form after a request for information', async () => {
    const { token, body, id } = await needingInfo();
    const form = { kind: 'training', education: 'senior', experience: '在机械厂做过三年学徒' };
    const res = await resubmit(token, id, { version: 2, form, materialIds: body.materialIds }).expect(200);
    expect(res.body).toMatchObject({ status: 'submitted', version: 3, form });
    expect(res.body.history.map((h: { action: string }) => h.action)).toEqual(['submit', 'request_info', 'resubmit']);
    expect(res.body.history[2]).toMatchObject({ from: 'needs_info', to: 'submitted', actorRole: 'resident' });
    const stored = await ApplicationModel.findById(id).orFail().lean();
    expect(stored.form).toEqual(form);
  });

  it('answers 409 STALE_VERSION for an old version', async () => {
    const { token, body, id } = await needingInfo();
    const res = await resubmit(token, id, { version: 1, form: FORMS.training, materialIds: body.materialIds }).expect(409);
    expect(res.body.error.code).toBe('STALE_VERSION');
  });

  it("answers 400 with fields['form.kind'] for a form of another kind", async () => {
    const { token, body, id } = await needingInfo();
    const res = await resubmit(token, id, { version: 2, form: FORMS.loan, materialIds: body.materialIds }).expect(400);
    expect(Object.keys(res.body.error.fields)).toEqual(['form.kind']);
  });

  it('answers 400 with fields.materialIds when a required material is dropped', async () => {
    const { token, id } = await needingInfo();
    const res = await resubmit(token, id, { version: 2, form: FORMS.training, materialIds: [] }).expect(400);
    expect(Object.keys(res.body.error.fields)).toEqual(['materialIds']);
    const stored = await ApplicationModel.findById(id).orFail().lean();
    expect(stored).toMatchObject({ status: 'needs_info', version: 2 });
  });

  it("answers 400 with fields['form.period'] when a subsidy claim changes its quarter", async () => {
    const { token, body, id } = await needingInfo('subsidy-flexible-insurance');
    const res = await resubmit(token, id, {
      version: 2,
      form: { ...FORMS.subsidy, period: '2026Q4' },
      materialIds: body.materialIds,
    }).expect(400);
    expect(Object.keys(res.body.error.fields)).toEqual(['form.period']);
  });

  it("answers 404 for someone else's application", async () => {
    const { body, id } = await needingInfo();
    const res = await resubmit(await loginResident(t), id, { version: 2, form: FORMS.training, materialIds: body.materialIds }).expect(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
  });
});
