import { randomUUID } from 'node:crypto';
import { ApplicationModel } from './model';
import { applicant, FORMS, postApplication, rawCollection, refusedApplication, useTestApp } from '../../../test/kit';

const t = useTestApp();
const count = () => rawCollection('applications').countDocuments();

describe('POST /api/applications: retries and duplicates', () => {
  it('answers 400 IDEMPOTENCY_KEY_REQUIRED without an Idempotency-Key', async () => {
    const { resident, body } = await applicant(t.kit, 'training-lathe');
    const res = await refusedApplication(() => resident.post('/api/applications').send(body), 400, 'IDEMPOTENCY_KEY_REQUIRED');
    expect(Object.keys(res.body.error.fields)).toEqual(['idempotency-key']);
  });

  it.each(['short', 'has spaces in it', 'x'.repeat(65), 'dots.are.not.allowed'])(
    'answers 400 with fields["idempotency-key"] for the key %j',
    async (key) => {
      const { resident, body } = await applicant(t.kit, 'training-lathe');
      const res = await refusedApplication(
        () => resident.post('/api/applications').set('Idempotency-Key', key).send(body),
        400,
        'VALIDATION_FAILED',
      );
      expect(Object.keys(res.body.error.fields)).toEqual(['idempotency-key']);
    },
  );

  it('answers a retry with the same key with the first application, marked as replayed', async () => {
    const { resident, body } = await applicant(t.kit, 'loan-guaranteed');
    const key = randomUUID();
    const first = await postApplication(resident, body, key).expect(201);
    const before = await count();
    const again = await postApplication(resident, body, key).expect(201);
    expect(again.body.id).toBe(first.body.id);
    expect(again.body.number).toBe(first.body.number);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(await count()).toBe(before);
  });

  it('treats the same content with its keys in another order as the same request', async () => {
    const { resident, body } = await applicant(t.kit, 'loan-guaranteed');
    const key = randomUUID();
    const first = await postApplication(resident, body, key).expect(201);
    const reordered = {
      materialIds: [...body.materialIds].reverse(),
      form: {
        purpose: FORMS.loan.purpose,
        termMonths: FORMS.loan.termMonths,
        amountFen: FORMS.loan.amountFen,
        businessName: FORMS.loan.businessName,
        kind: 'loan',
      },
      programId: body.programId,
    };
    const again = await postApplication(resident, reordered, key).expect(201);
    expect(again.body.id).toBe(first.body.id);
  });

  it('answers 409 IDEMPOTENCY_KEY_REUSED when a key is reused for different content', async () => {
    const { resident, body } = await applicant(t.kit, 'loan-guaranteed');
    const key = randomUUID();
    await postApplication(resident, body, key).expect(201);
    await refusedApplication(
      () => postApplication(resident, { ...body, form: { ...FORMS.loan, amountFen: 2_000_000 } }, key),
      409,
      'IDEMPOTENCY_KEY_REUSED',
    );
  });

  it("keeps one resident's keys apart from another's", async () => {
    const a = await applicant(t.kit, 'training-entrepreneurship');
    const b = await applicant(t.kit, 'training-entrepreneurship');
    const key = randomUUID();
    const first = await postApplication(a.resident, a.body, key).expect(201);
    const second = await postApplication(b.resident, b.body, key).expect(201);
    expect(second.body.id).not.toBe(first.body.id);
    expect(second.headers['idempotent-replayed']).toBeUndefined();
  });

  it('stores one application for 20 parallel requests with one key', async () => {
    const { resident, body } = await applicant(t.kit, 'park-jingming');
    const key = randomUUID();
    const responses = await Promise.all(Array.from({ length: 20 }, () => postApplication(resident, body, key)));
    expect(responses.map((r) => r.status)).toEqual(Array(20).fill(201));
    expect(new Set(responses.map((r) => r.body.id as string)).size).toBe(1);
    const { residentId } = await ApplicationModel.findById(responses[0]?.body.id).orFail().lean();
    expect(await rawCollection('applications').countDocuments({ residentId })).toBe(1);
  });

  it('numbers 20 parallel submissions by different residents each differently', async () => {
    const ready = await Promise.all(Array.from({ length: 20 }, () => applicant(t.kit, 'training-entrepreneurship')));
    const responses = await Promise.all(ready.map(({ resident, body }) => postApplication(resident, body)));
    expect(responses.map((r) => [r.status, r.body.error?.code])).toEqual(Array(20).fill([201, undefined]));
    expect(new Set(responses.map((r) => r.body.number as string)).size).toBe(20);
  });

  it('accepts exactly one of 20 parallel requests with different keys and names the winner to the rest', async () => {
    const { resident, body } = await applicant(t.kit, 'park-chunjiang');
    const before = await count();
    const responses = await Promise.all(Array.from({ length: 20 }, () => postApplication(resident, body)));
    const created = responses.filter((r) => r.status === 201);
    const duplicates = responses.filter((r) => r.status === 409);
    expect(created).toHaveLength(1);
    expect(duplicates).toHaveLength(19);
    const number = created[0]?.body.number as string;
    for (const r of duplicates) {
      expect(r.body.error.code).toBe('DUPLICATE_APPLICATION');
      expect(r.body.error.details.number).toBe(number);
    }
    expect(await count()).toBe(before + 1);
  });

  it('answers 409 DUPLICATE_APPLICATION for a second live application to the same programme', async () => {
    const { resident, body } = await applicant(t.kit, 'training-cnc');
    const first = await postApplication(resident, body).expect(201);
    const res = await refusedApplication(() => postApplication(resident, body), 409, 'DUPLICATE_APPLICATION');
    expect(res.body.error.details).toEqual({ applicationId: first.body.id, number: first.body.number, status: 'submitted' });
    expect(res.body.error.message).toContain(first.body.number);
  });

  it('accepts a new application once the earlier one is withdrawn', async () => {
    const { resident, body } = await applicant(t.kit, 'training-cnc');
    const first = await postApplication(resident, body).expect(201);
    await resident.post(`/api/applications/${first.body.id}/withdraw`).send({ version: 1 }).expect(200);
    const second = await postApplication(resident, body).expect(201);
    expect(second.body.id).not.toBe(first.body.id);
  });

  it('answers a late retry of a withdrawn application with that application, not a new one', async () => {
    const { resident, body } = await applicant(t.kit, 'training-cnc');
    const key = randomUUID();
    const first = await postApplication(resident, body, key).expect(201);
    await resident.post(`/api/applications/${first.body.id}/withdraw`).send({ version: 1 }).expect(200);
    const before = await count();
    const late = await postApplication(resident, body, key).expect(201);
    expect(late.body.id).toBe(first.body.id);
    expect(late.body.status).toBe('withdrawn');
    expect(late.headers['idempotent-replayed']).toBe('true');
    expect(await count()).toBe(before);
  });

  it('accepts subsidy claims for two different quarters', async () => {
    const { resident, body } = await applicant(t.kit, 'subsidy-flexible-insurance');
    const q3 = await postApplication(resident, { ...body, form: { ...FORMS.subsidy, period: '2026Q3' } }).expect(201);
    const q4 = await postApplication(resident, {
      ...body,
      form: { ...FORMS.subsidy, period: '2026Q4', previousApplicationId: q3.body.id },
    }).expect(201);
    expect(q4.body.id).not.toBe(q3.body.id);
    expect(q4.body.form.previousApplicationId).toBe(q3.body.id);
  });

  it('answers 409 DUPLICATE_APPLICATION for a second claim for the same quarter', async () => {
    const { resident, body } = await applicant(t.kit, 'subsidy-flexible-insurance');
    const first = await postApplication(resident, { ...body, form: { ...FORMS.subsidy, period: '2026Q2' } }).expect(201);
    const again = { ...body, form: { ...FORMS.subsidy, period: '2026Q2', employment: '在超市做理货员' } };
    const res = await refusedApplication(() => postApplication(resident, again), 409, 'DUPLICATE_APPLICATION');
    expect(res.body.error.details.number).toBe(first.body.number);
  });
});
