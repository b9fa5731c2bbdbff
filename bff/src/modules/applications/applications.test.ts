import { randomUUID } from 'node:crypto';
import { Types } from 'mongoose';
import type { Response } from 'supertest';
import { SEED_PROGRAMS } from '@minsheng/shared/catalog';
import {
  applicantFor,
  createProgram,
  FORMS,
  idNumber,
  loginResident,
  oid,
  postApplication,
  programId,
  uploadMaterial,
  uploadMaterials,
} from '../../test/factories';
import { expectRefused, rawCollection, startTestApp, type TestContext } from '../../test/support';

let t: TestContext;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
const count = () => rawCollection('applications').countDocuments();
/** A request that must be refused with this status and code, storing no application. */
const refused = (request: () => PromiseLike<Response>, status: number, code: string) => expectRefused(request, status, code, count);

describe('POST /api/applications', () => {
  it.each(SEED_PROGRAMS.map((p) => [p.code, p.kind]))('submits an application to %s (%s)', async (code, kind) => {
    const { token, body } = await applicantFor(t, code);
    const res = await postApplication(t, token, body).expect(201);
    expect(res.body).toMatchObject({
      kind,
      programId: body.programId,
      status: 'submitted',
      version: 1,
      form: body.form,
      assignment: null,
      waitlistPosition: null,
    });
    expect(res.body.number).toMatch(/^YH-\d{4}-\d{6}$/);
    expect(res.body.history).toEqual([{ at: expect.any(String), action: 'submit', from: null, to: 'submitted', actorRole: 'resident' }]);
    expect((res.body.materials as { id: string }[]).map((m) => m.id).sort()).toEqual([...body.materialIds].sort());
    expect(res.headers['idempotent-replayed']).toBeUndefined();
  });

  it('gives each application its own number', async () => {
    const a = await applicantFor(t, 'training-welder');
    const b = await applicantFor(t, 'training-welder');
    const first = await postApplication(t, a.token, a.body).expect(201);
    const second = await postApplication(t, b.token, b.body).expect(201);
    expect(second.body.number).not.toBe(first.body.number);
  });

  it('keeps the ID number and the mobile out of the stored application and of the answer', async () => {
    const { token, profile, body } = await applicantFor(t, 'training-lathe');
    const res = await postApplication(t, token, body).expect(201);
    const raw = await rawCollection('applications').findOne({ _id: new Types.ObjectId(res.body.id as string) });
    expect(raw).not.toBeNull();
    expect(JSON.stringify(raw)).not.toContain(profile.idNumber);
    expect(JSON.stringify(raw)).not.toContain(profile.mobile);
    expect(JSON.stringify(res.body)).not.toMatch(/idNumber|Sealed|Hash|idem|liveKey/);
  });

  it('answers 401 without a token', async () => {
    const { body } = await applicantFor(t, 'training-lathe');
    await refused(() => t.http.post('/api/applications').set('Idempotency-Key', randomUUID()).send(body), 401, 'UNAUTHENTICATED');
  });

  it('answers 403 PROFILE_INCOMPLETE before the real-name profile is saved', async () => {
    const token = await loginResident(t);
    const body = {
      programId: await programId('training-lathe'),
      form: FORMS.training,
      materialIds: await uploadMaterials(t, token, ['id_card']),
    };
    await refused(() => postApplication(t, token, body), 403, 'PROFILE_INCOMPLETE');
  });

  it('answers 422 NOT_ELIGIBLE with reasons for a subsidy without the hard-to-employ category', async () => {
    const { token, body } = await applicantFor(t, 'subsidy-flexible-insurance', { categories: ['laid_off'] });
    const res = await refused(() => postApplication(t, token, body), 422, 'NOT_ELIGIBLE');
    expect(res.body.error.details.reasons).toEqual([expect.stringContaining('就业困难人员')]);
  });

  it('answers 422 NOT_ELIGIBLE for a subsidy without the re-employment certificate', async () => {
    const { token, body } = await applicantFor(t, 'subsidy-flexible-insurance', { reemploymentCertificateNo: undefined });
    const res = await refused(() => postApplication(t, token, body), 422, 'NOT_ELIGIBLE');
    expect(res.body.error.details.reasons).toEqual([expect.stringContaining('再就业优惠证')]);
  });

  it('answers 422 NOT_ELIGIBLE for a class when the resident is over its age limit', async () => {
    const { token, body } = await applicantFor(t, 'training-lathe', { idNumber: idNumber(900, '19600101') });
    const res = await refused(() => postApplication(t, token, body), 422, 'NOT_ELIGIBLE');
    expect(res.body.error.details.reasons).toEqual(['年龄需在 55 周岁以下']);
  });

  it('answers 422 NOT_ELIGIBLE for rural transfer training with an urban household', async () => {
    const { token, body } = await applicantFor(t, 'training-rural-transfer', { householdType: 'urban' });
    const res = await refused(() => postApplication(t, token, body), 422, 'NOT_ELIGIBLE');
    expect(res.body.error.details.reasons).toEqual(['仅限农村户籍']);
  });

  it('answers 422 PROGRAM_CLOSED after the window has closed', async () => {
    const closed = await createProgram({ kind: 'training', closesAt: new Date('2026-03-01T00:00:00Z') });
    const { token } = await applicantFor(t, 'training-lathe');
    await refused(() => postApplication(t, token, { programId: closed, form: FORMS.training, materialIds: [] }), 422, 'PROGRAM_CLOSED');
  });

  it('answers 422 PROGRAM_CLOSED before the window opens', async () => {
    const future = await createProgram({ kind: 'loan', opensAt: new Date(Date.now() + 24 * 3600 * 1000) });
    const { token } = await applicantFor(t, 'training-lathe');
    await refused(() => postApplication(t, token, { programId: future, form: FORMS.loan, materialIds: [] }), 422, 'PROGRAM_CLOSED');
  });

  it('answers 422 PROGRAM_CLOSED when staff have closed the programme', async () => {
    const closed = await createProgram({ kind: 'subsidy', status: 'closed' });
    const { token } = await applicantFor(t, 'training-lathe');
    await refused(() => postApplication(t, token, { programId: closed, form: FORMS.subsidy, materialIds: [] }), 422, 'PROGRAM_CLOSED');
  });

  it('answers 400 with fields["form.kind"] when the form does not match the programme', async () => {
    const { token, body } = await applicantFor(t, 'loan-guaranteed');
    const res = await refused(() => postApplication(t, token, { ...body, form: FORMS.training }), 400, 'VALIDATION_FAILED');
    expect(Object.keys(res.body.error.fields)).toEqual(['form.kind']);
  });

  it('answers 400 for an unknown form kind', async () => {
    const { token, body } = await applicantFor(t, 'loan-guaranteed');
    const res = await refused(
      () => postApplication(t, token, { ...body, form: { ...FORMS.loan, kind: 'grant' } }),
      400,
      'VALIDATION_FAILED',
    );
    expect(Object.keys(res.body.error.fields)).toEqual(['form.kind']);
  });

  it("answers 400 with fields['form.amountFen'] for a loan over the product's maximum", async () => {
    const { token, body } = await applicantFor(t, 'loan-guaranteed');
    const res = await refused(
      () => postApplication(t, token, { ...body, form: { ...FORMS.loan, amountFen: 5_000_001 } }),
      400,
      'VALIDATION_FAILED',
    );
    expect(res.body.error.fields).toEqual({ 'form.amountFen': '贷款金额不能超过 50,000 元' });
  });

  it("answers 400 with fields['form.termMonths'] for a loan term over the product's maximum", async () => {
    const { token, body } = await applicantFor(t, 'loan-guaranteed');
    const res = await refused(
      () => postApplication(t, token, { ...body, form: { ...FORMS.loan, termMonths: 36 } }),
      400,
      'VALIDATION_FAILED',
    );
    expect(Object.keys(res.body.error.fields)).toEqual(['form.termMonths']);
  });

  it.each([
    ['below 1,000 yuan', 99_999],
    ['in fractions of a fen', 150_000.5],
    ['negative', -100_000],
    ['given as a string', '3000000'],
  ])("answers 400 with fields['form.amountFen'] for an amount %s", async (_what, amountFen) => {
    const { token, body } = await applicantFor(t, 'loan-guaranteed');
    const res = await refused(() => postApplication(t, token, { ...body, form: { ...FORMS.loan, amountFen } }), 400, 'VALIDATION_FAILED');
    expect(Object.keys(res.body.error.fields)).toEqual(['form.amountFen']);
  });

  it("answers 400 with fields['form.businessCategory'] for a category the park does not have", async () => {
    const park = await createProgram({
      kind: 'stall',
      details: { park: '测试园区', address: '测试地址', categories: ['clothing'] },
    });
    const { token } = await applicantFor(t, 'park-chunjiang');
    const res = await refused(
      () => postApplication(t, token, { programId: park, form: { ...FORMS.stall, businessCategory: 'daily_services' }, materialIds: [] }),
      400,
      'VALIDATION_FAILED',
    );
    expect(Object.keys(res.body.error.fields)).toEqual(['form.businessCategory']);
  });

  it('answers 400 with fields.materialIds when a required material is missing', async () => {
    const { token, body } = await applicantFor(t, 'loan-guaranteed');
    const res = await refused(
      () => postApplication(t, token, { ...body, materialIds: body.materialIds.slice(0, 1) }),
      400,
      'VALIDATION_FAILED',
    );
    expect(res.body.error.fields).toEqual({ materialIds: '请上传：《再就业优惠证》照片' });
  });

  it("answers 400 with fields.materialIds for someone else's material", async () => {
    const { token, body } = await applicantFor(t, 'training-lathe');
    const other = await loginResident(t);
    const theirs = await uploadMaterial(t, other, 'id_card');
    const res = await refused(() => postApplication(t, token, { ...body, materialIds: [theirs] }), 400, 'VALIDATION_FAILED');
    expect(Object.keys(res.body.error.fields)).toEqual(['materialIds']);
  });

  it('answers 400 with fields.materialIds for a material id that does not exist', async () => {
    const { token, body } = await applicantFor(t, 'training-lathe');
    const res = await refused(
      () => postApplication(t, token, { ...body, materialIds: [...body.materialIds, oid()] }),
      400,
      'VALIDATION_FAILED',
    );
    expect(Object.keys(res.body.error.fields)).toEqual(['materialIds']);
  });

  it('answers 400 for more than 20 materials', async () => {
    const { token, body } = await applicantFor(t, 'training-lathe');
    const materialIds = Array.from({ length: 21 }, () => body.materialIds[0]);
    const res = await refused(() => postApplication(t, token, { ...body, materialIds }), 400, 'VALIDATION_FAILED');
    expect(Object.keys(res.body.error.fields)).toEqual(['materialIds']);
  });

  it('answers 400 with fields.programId for an unknown programme', async () => {
    const { token, body } = await applicantFor(t, 'training-lathe');
    const res = await refused(() => postApplication(t, token, { ...body, programId: oid() }), 400, 'VALIDATION_FAILED');
    expect(Object.keys(res.body.error.fields)).toEqual(['programId']);
  });

  it('answers 400 with fields.programId for a malformed programme id', async () => {
    const { token, body } = await applicantFor(t, 'training-lathe');
    const res = await refused(() => postApplication(t, token, { ...body, programId: 'park-chunjiang' }), 400, 'VALIDATION_FAILED');
    expect(Object.keys(res.body.error.fields)).toEqual(['programId']);
  });

  it('answers 400 for a query operator in place of the programme id, and stores nothing', async () => {
    const { token, body } = await applicantFor(t, 'training-lathe');
    const res = await refused(() => postApplication(t, token, { ...body, programId: { $ne: null } }), 400, 'VALIDATION_FAILED');
    expect(Object.keys(res.body.error.fields)).toEqual(['programId']);
  });

  it('answers 400 for query operators in place of material ids', async () => {
    const { token, body } = await applicantFor(t, 'training-lathe');
    const res = await refused(() => postApplication(t, token, { ...body, materialIds: [{ $gt: '' }] }), 400, 'VALIDATION_FAILED');
    expect(Object.keys(res.body.error.fields)).toEqual(['materialIds.0']);
  });

  it('answers 400 MALFORMED_REQUEST for a __proto__ key in the form and pollutes nothing', async () => {
    const { token, body } = await applicantFor(t, 'training-lathe');
    const form = '{"kind":"training","education":"junior","__proto__":{"polluted":"yes"}}';
    const raw = `{"programId":"${body.programId}","materialIds":${JSON.stringify(body.materialIds)},"form":${form}}`;
    await refused(() => postApplication(t, token, raw), 400, 'MALFORMED_REQUEST');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('answers 400 for a constructor.prototype key at the top level', async () => {
    const { token, body } = await applicantFor(t, 'training-lathe');
    await refused(() => postApplication(t, token, { ...body, constructor: { prototype: { polluted: 'yes' } } }), 400, 'VALIDATION_FAILED');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('answers 400 for a field the client may not set', async () => {
    const { token, body } = await applicantFor(t, 'training-lathe');
    const res = await refused(() => postApplication(t, token, { ...body, status: 'approved' }), 400, 'VALIDATION_FAILED');
    expect(res.body.error.fields._).toMatch(/status/);
  });

  it('answers 400 for an unknown field in the form', async () => {
    const { token, body } = await applicantFor(t, 'training-lathe');
    await refused(() => postApplication(t, token, { ...body, form: { ...FORMS.training, salary: 3000 } }), 400, 'VALIDATION_FAILED');
  });

  it('answers 415 for a body that is not JSON', async () => {
    const { token } = await applicantFor(t, 'training-lathe');
    await refused(
      () => t.http.post('/api/applications').set(bearer(token)).set('Idempotency-Key', randomUUID()).type('form').send('programId=x'),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    );
  });

  it('answers 400 MALFORMED_REQUEST for broken JSON', async () => {
    const { token } = await applicantFor(t, 'training-lathe');
    await refused(() => postApplication(t, token, '{"programId": '), 400, 'MALFORMED_REQUEST');
  });

  it("answers 400 with fields['form.previousApplicationId'] for a claim that continues someone else's", async () => {
    const other = await applicantFor(t, 'subsidy-flexible-insurance');
    const theirs = await postApplication(t, other.token, other.body).expect(201);
    const { token, body } = await applicantFor(t, 'subsidy-flexible-insurance');
    const res = await refused(
      () => postApplication(t, token, { ...body, form: { ...FORMS.subsidy, period: '2026Q4', previousApplicationId: theirs.body.id } }),
      400,
      'VALIDATION_FAILED',
    );
    expect(Object.keys(res.body.error.fields)).toEqual(['form.previousApplicationId']);
  });

  it('answers 400 for a malformed quarter', async () => {
    const { token, body } = await applicantFor(t, 'subsidy-flexible-insurance');
    const res = await refused(
      () => postApplication(t, token, { ...body, form: { ...FORMS.subsidy, period: '2026Q5' } }),
      400,
      'VALIDATION_FAILED',
    );
    expect(Object.keys(res.body.error.fields)).toEqual(['form.period']);
  });
});
