import { ApplicationModel } from './model';
import { type Actor, applicant, DECLARED, FORMS, oid, postApplication, programId, uploadMaterials, useTestApp } from '../../../test/kit';

const t = useTestApp();

const withdraw = (resident: Actor, id: string, body: object) => resident.post(`/api/applications/${id}/withdraw`).send(body);
const resubmit = (resident: Actor, id: string, body: object) =>
  resident.post(`/api/applications/${id}/resubmit`).send({ ...DECLARED, ...body });

describe('GET /api/applications', () => {
  it("lists the resident's own applications and nobody else's", async () => {
    const mine = await applicant(t.kit, 'training-lathe');
    const a = await postApplication(mine.resident, mine.body).expect(201);
    const loanMaterials = await uploadMaterials(mine.resident, ['id_card', 'reemployment_certificate']);
    const b = await postApplication(mine.resident, {
      programId: await programId('loan-guaranteed'),
      form: FORMS.loan,
      materialIds: loanMaterials,
    }).expect(201);
    const other = await applicant(t.kit, 'training-lathe');
    await postApplication(other.resident, other.body).expect(201);
    const res = await mine.resident.get('/api/applications').expect(200);
    expect((res.body.items as { id: string }[]).map((x) => x.id).sort()).toEqual([a.body.id, b.body.id].sort());
  });

  it('answers 401 without a token', async () => {
    const res = await t.http.get('/api/applications').expect(401);
    expect(res.body.error.code).toBe('UNAUTHENTICATED');
  });
});

describe('GET /api/applications/:id', () => {
  it('shows one of the resident’s own applications with its materials', async () => {
    const { resident, body } = await applicant(t.kit, 'training-lathe');
    const created = await postApplication(resident, body).expect(201);
    const res = await resident.get(`/api/applications/${created.body.id}`).expect(200);
    expect(res.body).toEqual(created.body);
  });

  it("answers 404 for someone else's application", async () => {
    const { resident, body } = await applicant(t.kit, 'training-lathe');
    const created = await postApplication(resident, body).expect(201);
    const res = await (await t.kit.resident()).get(`/api/applications/${created.body.id}`).expect(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
  });

  it('answers 404 for an unknown id', async () => {
    const res = await (await t.kit.resident()).get(`/api/applications/${oid()}`).expect(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
  });

  it('answers 400 with fields.id for a malformed id', async () => {
    const res = await (await t.kit.resident()).get('/api/applications/YH-2026-000001').expect(400);
    expect(Object.keys(res.body.error.fields)).toEqual(['id']);
  });
});

describe('POST /api/applications/:id/withdraw', () => {
  async function submitted() {
    const { resident, body } = await applicant(t.kit, 'training-lathe');
    const res = await postApplication(resident, body).expect(201);
    return { resident, id: res.body.id as string };
  }

  it('withdraws a submitted application and records why', async () => {
    const { resident, id } = await submitted();
    const res = await withdraw(resident, id, { version: 1, reason: '已找到工作' }).expect(200);
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
    const { resident, id } = await submitted();
    const res = await withdraw(resident, id, { version: 7 }).expect(409);
    expect(res.body.error.code).toBe('STALE_VERSION');
    const now = await resident.get(`/api/applications/${id}`).expect(200);
    expect(now.body).toMatchObject({ status: 'submitted', version: 1 });
  });

  it('answers 409 INVALID_TRANSITION when withdrawn twice', async () => {
    const { resident, id } = await submitted();
    await withdraw(resident, id, { version: 1 }).expect(200);
    const res = await withdraw(resident, id, { version: 2 }).expect(409);
    expect(res.body.error.code).toBe('INVALID_TRANSITION');
  });

  it('lets only one of ten simultaneous withdrawals through', async () => {
    const { resident, id } = await submitted();
    const all = await Promise.all(Array.from({ length: 10 }, () => withdraw(resident, id, { version: 1 })));
    expect(all.filter((r) => r.status === 200)).toHaveLength(1);
    expect(all.filter((r) => r.status === 409)).toHaveLength(9);
    const stored = await ApplicationModel.findById(id).orFail().lean();
    expect(stored.history).toHaveLength(2);
    expect(stored.version).toBe(2);
  });

  it("answers 404 for someone else's application", async () => {
    const { id } = await submitted();
    const res = await withdraw(await t.kit.resident(), id, { version: 1 }).expect(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
  });

  it('answers 400 with fields.version without a version', async () => {
    const { resident, id } = await submitted();
    const res = await withdraw(resident, id, {}).expect(400);
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
    const { resident, body } = await applicant(t.kit, code);
    const res = await postApplication(resident, body).expect(201);
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
    return { resident, body, id };
  }

  it('answers 409 INVALID_TRANSITION when no information was requested', async () => {
    const { resident, body } = await applicant(t.kit, 'training-lathe');
    const created = await postApplication(resident, body).expect(201);
    const res = await resubmit(resident, created.body.id, { version: 1, form: FORMS.training, materialIds: body.materialIds }).expect(409);
    expect(res.body.error.code).toBe('INVALID_TRANSITION');
  });

  it('resubmits with the edited form after a request for information', async () => {
    const { resident, body, id } = await needingInfo();
    const form = { kind: 'training', education: 'senior', experience: '在机械厂做过三年学徒' };
    const res = await resubmit(resident, id, { version: 2, form, materialIds: body.materialIds }).expect(200);
    expect(res.body).toMatchObject({ status: 'submitted', version: 3, form });
    expect(res.body.history.map((h: { action: string }) => h.action)).toEqual(['submit', 'request_info', 'resubmit']);
    expect(res.body.history[2]).toMatchObject({ from: 'needs_info', to: 'submitted', actorRole: 'resident' });
    const stored = await ApplicationModel.findById(id).orFail().lean();
    expect(stored.form).toEqual(form);
  });

  it('answers 409 STALE_VERSION for an old version', async () => {
    const { resident, body, id } = await needingInfo();
    const res = await resubmit(resident, id, { version: 1, form: FORMS.training, materialIds: body.materialIds }).expect(409);
    expect(res.body.error.code).toBe('STALE_VERSION');
  });

  it("answers 400 with fields['form.kind'] for a form of another kind", async () => {
    const { resident, body, id } = await needingInfo();
    const res = await resubmit(resident, id, { version: 2, form: FORMS.loan, materialIds: body.materialIds }).expect(400);
    expect(Object.keys(res.body.error.fields)).toEqual(['form.kind']);
  });

  it('answers 400 with fields.materialIds when a required material is dropped', async () => {
    const { resident, id } = await needingInfo();
    const res = await resubmit(resident, id, { version: 2, form: FORMS.training, materialIds: [] }).expect(400);
    expect(Object.keys(res.body.error.fields)).toEqual(['materialIds']);
    const stored = await ApplicationModel.findById(id).orFail().lean();
    expect(stored).toMatchObject({ status: 'needs_info', version: 2 });
  });

  it("answers 400 with fields['form.period'] when a subsidy claim changes its quarter", async () => {
    const { resident, body, id } = await needingInfo('subsidy-flexible-insurance');
    const res = await resubmit(resident, id, {
      version: 2,
      form: { ...FORMS.subsidy, period: '2026Q4' },
      materialIds: body.materialIds,
    }).expect(400);
    expect(Object.keys(res.body.error.fields)).toEqual(['form.period']);
  });

  it("answers 404 for someone else's application", async () => {
    const { body, id } = await needingInfo();
    const res = await resubmit(await t.kit.resident(), id, { version: 2, form: FORMS.training, materialIds: body.materialIds }).expect(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
  });
});
