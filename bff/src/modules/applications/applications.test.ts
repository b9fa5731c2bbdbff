import { randomUUID } from 'node:crypto';
import { Types } from 'mongoose';
import { SEED_PROGRAMS } from '@minsheng/shared/catalog';
import {
  applicant,
  createProgram,
  eligibleProfile,
  FORMS,
  idNumber,
  oid,
  postApplication,
  programId,
  rawCollection,
  uploadMaterial,
  uploadMaterials,
  refusedApplication,
  useTestApp,
} from '../../../test/kit';

const t = useTestApp();

/** The body `applicant` answers: a valid application of the resident. */
type ApplicationBody = Awaited<ReturnType<typeof applicant>>['body'];

describe('POST /api/applications', () => {
  it.each(SEED_PROGRAMS.map((p) => [p.code, p.kind]))('submits an application to %s (%s)', async (code, kind) => {
    const { resident, body } = await applicant(t.kit, code);
    const res = await postApplication(resident, body).expect(201);
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
    const a = await applicant(t.kit, 'training-welder');
    const b = await applicant(t.kit, 'training-welder');
    const first = await postApplication(a.resident, a.body).expect(201);
    const second = await postApplication(b.resident, b.body).expect(201);
    expect(second.body.number).not.toBe(first.body.number);
  });

  it('keeps the ID number and the mobile out of the stored application and of the answer', async () => {
    const { resident, profile, body } = await applicant(t.kit, 'training-lathe');
    const res = await postApplication(resident, body).expect(201);
    const raw = await rawCollection('applications').findOne({ _id: new Types.ObjectId(res.body.id as string) });
    expect(raw).not.toBeNull();
    expect(JSON.stringify(raw)).not.toContain(profile.idNumber);
    expect(JSON.stringify(raw)).not.toContain(profile.mobile);
    expect(JSON.stringify(res.body)).not.toMatch(/idNumber|Sealed|Hash|idem|liveKey/);
  });

  it('answers 401 without a token', async () => {
    const { body } = await applicant(t.kit, 'training-lathe');
    await refusedApplication(
      () => t.http.post('/api/applications').set('Idempotency-Key', randomUUID()).send(body),
      401,
      'UNAUTHENTICATED',
    );
  });

  it('answers 403 PROFILE_INCOMPLETE before the real-name profile is saved', async () => {
    const resident = await t.kit.resident();
    const body = {
      programId: await programId('training-lathe'),
      form: FORMS.training,
      materialIds: await uploadMaterials(resident, ['id_card']),
    };
    await refusedApplication(() => postApplication(resident, body), 403, 'PROFILE_INCOMPLETE');
  });

  it('answers 422 NOT_ELIGIBLE with reasons for a subsidy without the hard-to-employ category', async () => {
    const { resident, body } = await applicant(t.kit, 'subsidy-flexible-insurance', { categories: ['laid_off'] });
    const res = await refusedApplication(() => postApplication(resident, body), 422, 'NOT_ELIGIBLE');
    expect(res.body.error.details.reasons).toEqual([expect.stringContaining('就业困难人员')]);
  });

  it('answers 422 NOT_ELIGIBLE for a subsidy without a verified certificate', async () => {
    const { body } = await applicant(t.kit, 'subsidy-flexible-insurance');
    // The same profile, never certified: its typed 就业困难 does not count either.
    const resident = await t.kit.resident({ profile: eligibleProfile() });
    const materialIds = await uploadMaterials(resident, ['id_card', 'reemployment_certificate', 'insurance_receipt']);
    const res = await refusedApplication(() => postApplication(resident, { ...body, materialIds }), 422, 'NOT_ELIGIBLE');
    expect(res.body.error.details.reasons).toEqual(expect.arrayContaining([expect.stringContaining('就业创业证')]));
  });

  it('answers 422 NOT_ELIGIBLE for a class when the resident is over its age limit', async () => {
    const { resident, body } = await applicant(t.kit, 'training-lathe', { idNumber: idNumber(900, '19600101') });
    const res = await refusedApplication(() => postApplication(resident, body), 422, 'NOT_ELIGIBLE');
    expect(res.body.error.details.reasons).toEqual(['年龄需在 55 周岁以下']);
  });

  it('answers 422 NOT_ELIGIBLE for rural transfer training with an urban household', async () => {
    const { resident, body } = await applicant(t.kit, 'training-rural-transfer', { householdType: 'urban' });
    const res = await refusedApplication(() => postApplication(resident, body), 422, 'NOT_ELIGIBLE');
    expect(res.body.error.details.reasons).toEqual(['仅限农村户籍']);
  });

  it.each([
    ['after the window has closed', { kind: 'training', closesAt: new Date('2026-03-01T00:00:00Z') }],
    ['before the window opens', { kind: 'loan', opensAt: new Date(Date.now() + 24 * 3600 * 1000) }],
    ['when staff have closed the programme', { kind: 'subsidy', status: 'closed' }],
  ] as const)('answers 422 PROGRAM_CLOSED %s', async (_when, program) => {
    const closed = await createProgram(program);
    const { resident } = await applicant(t.kit, 'training-lathe');
    await refusedApplication(
      () => postApplication(resident, { programId: closed, form: FORMS[program.kind], materialIds: [] }),
      422,
      'PROGRAM_CLOSED',
    );
  });

  const field = expect.any(String);
  it.each<[string, string, (body: ApplicationBody) => unknown, Record<string, unknown>]>([
    ['the form does not match the programme', 'loan-guaranteed', (b) => ({ ...b, form: FORMS.training }), { 'form.kind': field }],
    ['an unknown form kind', 'loan-guaranteed', (b) => ({ ...b, form: { ...FORMS.loan, kind: 'grant' } }), { 'form.kind': field }],
    [
      "a loan over the product's maximum",
      'loan-guaranteed',
      (b) => ({ ...b, form: { ...FORMS.loan, amountFen: 5_000_001 } }),
      { 'form.amountFen': '贷款金额不能超过 50,000 元' },
    ],
    [
      "a loan term over the product's maximum",
      'loan-guaranteed',
      (b) => ({ ...b, form: { ...FORMS.loan, termMonths: 36 } }),
      { 'form.termMonths': field },
    ],
    ...(
      [
        ['below 1,000 yuan', 99_999],
        ['in fractions of a fen', 150_000.5],
        ['negative', -100_000],
        ['given as a string', '3000000'],
      ] as const
    ).map(([what, amountFen]): [string, string, (body: ApplicationBody) => unknown, Record<string, unknown>] => [
      `a loan amount ${what}`,
      'loan-guaranteed',
      (b) => ({ ...b, form: { ...FORMS.loan, amountFen } }),
      { 'form.amountFen': field },
    ]),
    [
      'a required material missing',
      'subsidy-flexible-insurance',
      (b) => ({ ...b, materialIds: b.materialIds.slice(0, 1) }),
      { materialIds: '请上传：本季度社保缴费凭证' },
    ],
    [
      'a material id that does not exist',
      'training-lathe',
      (b) => ({ ...b, materialIds: [...b.materialIds, oid()] }),
      { materialIds: field },
    ],
    [
      'more than 20 materials',
      'training-lathe',
      (b) => ({ ...b, materialIds: Array.from({ length: 21 }, () => b.materialIds[0]) }),
      { materialIds: field },
    ],
    ['an unknown programme', 'training-lathe', (b) => ({ ...b, programId: oid() }), { programId: field }],
    ['a malformed programme id', 'training-lathe', (b) => ({ ...b, programId: 'park-chunjiang' }), { programId: field }],
    ['a query operator in place of the programme id', 'training-lathe', (b) => ({ ...b, programId: { $ne: null } }), { programId: field }],
    [
      'query operators in place of material ids',
      'training-lathe',
      (b) => ({ ...b, materialIds: [{ $gt: '' }] }),
      { 'materialIds.0': field },
    ],
    ['a field the client may not set', 'training-lathe', (b) => ({ ...b, status: 'approved' }), { _: expect.stringMatching(/status/) }],
    [
      'a malformed quarter',
      'subsidy-flexible-insurance',
      (b) => ({ ...b, form: { ...FORMS.subsidy, period: '2026Q5' } }),
      { 'form.period': field },
    ],
  ])('answers 400 VALIDATION_FAILED naming the field for %s, and stores nothing', async (_what, code, change, fields) => {
    const { resident, body } = await applicant(t.kit, code);
    const res = await refusedApplication(
      () => postApplication(resident, change(body) as Record<string, unknown>),
      400,
      'VALIDATION_FAILED',
    );
    expect(res.body.error.fields).toEqual(fields);
  });

  it("answers 400 with fields['form.businessCategory'] for a category the park does not have", async () => {
    const park = await createProgram({
      kind: 'stall',
      details: { park: '测试园区', address: '测试地址', categories: ['clothing'] },
    });
    const { resident } = await applicant(t.kit, 'park-chunjiang');
    const res = await refusedApplication(
      () => postApplication(resident, { programId: park, form: { ...FORMS.stall, businessCategory: 'daily_services' }, materialIds: [] }),
      400,
      'VALIDATION_FAILED',
    );
    expect(Object.keys(res.body.error.fields)).toEqual(['form.businessCategory']);
  });

  it("answers 400 with fields.materialIds for someone else's material", async () => {
    const { resident, body } = await applicant(t.kit, 'training-lathe');
    const other = await t.kit.resident();
    const theirs = await uploadMaterial(other, 'id_card');
    const res = await refusedApplication(() => postApplication(resident, { ...body, materialIds: [theirs] }), 400, 'VALIDATION_FAILED');
    expect(Object.keys(res.body.error.fields)).toEqual(['materialIds']);
  });

  it('answers 400 MALFORMED_REQUEST for a __proto__ key in the form and pollutes nothing', async () => {
    const { resident, body } = await applicant(t.kit, 'training-lathe');
    const form = '{"kind":"training","education":"junior","__proto__":{"polluted":"yes"}}';
    const raw = `{"programId":"${body.programId}","materialIds":${JSON.stringify(body.materialIds)},"form":${form}}`;
    await refusedApplication(() => postApplication(resident, raw), 400, 'MALFORMED_REQUEST');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('answers 400 for a constructor.prototype key at the top level', async () => {
    const { resident, body } = await applicant(t.kit, 'training-lathe');
    await refusedApplication(
      () => postApplication(resident, { ...body, constructor: { prototype: { polluted: 'yes' } } }),
      400,
      'VALIDATION_FAILED',
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('answers 400 for an unknown field in the form', async () => {
    const { resident, body } = await applicant(t.kit, 'training-lathe');
    await refusedApplication(
      () => postApplication(resident, { ...body, form: { ...FORMS.training, salary: 3000 } }),
      400,
      'VALIDATION_FAILED',
    );
  });

  it('answers 415 for a body that is not JSON', async () => {
    const { resident } = await applicant(t.kit, 'training-lathe');
    await refusedApplication(
      () => resident.post('/api/applications').set('Idempotency-Key', randomUUID()).type('form').send('programId=x'),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    );
  });

  it('answers 400 MALFORMED_REQUEST for broken JSON', async () => {
    const { resident } = await applicant(t.kit, 'training-lathe');
    await refusedApplication(() => postApplication(resident, '{"programId": '), 400, 'MALFORMED_REQUEST');
  });

  it("answers 400 with fields['form.previousApplicationId'] for a claim that continues someone else's", async () => {
    const other = await applicant(t.kit, 'subsidy-flexible-insurance');
    const theirs = await postApplication(other.resident, other.body).expect(201);
    const { resident, body } = await applicant(t.kit, 'subsidy-flexible-insurance');
    const res = await refusedApplication(
      () => postApplication(resident, { ...body, form: { ...FORMS.subsidy, period: '2026Q4', previousApplicationId: theirs.body.id } }),
      400,
      'VALIDATION_FAILED',
    );
    expect(Object.keys(res.body.error.fields)).toEqual(['form.previousApplicationId']);
  });
});
