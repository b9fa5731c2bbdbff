import type supertest from 'supertest';
import {
  act,
  applicant,
  createProgram,
  FORMS,
  ok,
  postApplication,
  PROGRAM_DETAILS,
  programId,
  rawCollection,
  refusedApplication,
  step,
  useTestApp,
  type Resident,
} from '../../../test/kit';
import { ApplicationModel } from './model';

const t = useTestApp({ staff: ['reviewer'] });
const claims = () => rawCollection('crossclaims').countDocuments();

interface Created {
  id: string;
  number: string;
  version: number;
}

/** A request refused with 409 CROSS_PROGRAMME_CONFLICT, storing neither an application nor a claim. */
async function crossRefused(request: () => PromiseLike<supertest.Response>): Promise<supertest.Response> {
  const before = await claims();
  const res = await refusedApplication(request, 409, 'CROSS_PROGRAMME_CONFLICT');
  expect(await claims()).toBe(before);
  return res;
}

/** The other application named in a refusal: its number in the message and the details. */
function expectNamed(res: supertest.Response, other: Created, rule: string): void {
  expect(res.body.error.details).toMatchObject({ rule, applicationId: other.id, number: other.number });
  expect(res.body.error.message).toContain(other.number);
}

/** The resident's application to a programme that asks for no materials. */
const apply = (resident: Resident, program: string, form: Record<string, unknown>) =>
  postApplication(resident, { programId: program, form: form as never, materialIds: [] });

/** A class of 车工 at level 初级 on these dates, with a training subsidy; no materials, no conditions. */
const latheClass = (startsOn: string, endsOn: string, level = '初级') =>
  createProgram({ kind: 'training', details: { ...PROGRAM_DETAILS.training, level, startsOn, endsOn } }, 5);

/** A class of another trade on these dates, without a subsidy. */
const otherClass = (startsOn: string, endsOn: string) =>
  createProgram(
    { kind: 'training', details: { ...PROGRAM_DETAILS.training, trade: '创业指导', subsidyPerTraineeFen: 0, startsOn, endsOn } },
    5,
  );

/** Approves an application as the reviewer. */
async function approve(id: string): Promise<void> {
  await step(t.reviewer, id, { action: 'start_review', version: 1 });
  await step(t.reviewer, id, { action: 'approve', version: 2 });
}

describe('one live stall per person, across both parks', () => {
  it('refuses the second park while the first park’s application is live, naming it', async () => {
    const { resident, body } = await applicant(t.kit, 'park-chunjiang');
    const first = await ok<Created>(postApplication(resident, body));
    const jingming = await programId('park-jingming');
    const res = await crossRefused(() => postApplication(resident, { ...body, programId: jingming }));
    expectNamed(res, first, 'one_stall');
    expect(res.body.error.message).toContain('每人同时只能申请或租用一个摊位');
  });

  it('refuses the second park while the first park’s stall is let, and accepts it once the stall is released', async () => {
    const { resident, body } = await applicant(t.kit, 'park-chunjiang');
    const first = await ok<Created>(postApplication(resident, body));
    await approve(first.id);
    const jingming = await programId('park-jingming');
    await crossRefused(() => postApplication(resident, { ...body, programId: jingming }));
    await step(t.reviewer, first.id, { action: 'release', version: 3 });
    await postApplication(resident, { ...body, programId: jingming }).expect(201);
  });

  it('gives the stall back when the application is withdrawn', async () => {
    const { resident, body } = await applicant(t.kit, 'park-chunjiang');
    const first = await ok<Created>(postApplication(resident, body));
    await resident.post(`/api/applications/${first.id}/withdraw`).send({ version: 1 }).expect(200);
    await postApplication(resident, { ...body, programId: await programId('park-jingming') }).expect(201);
  });

  it('accepts one of six submissions to the two parks sent at once, and names the winner to the others', async () => {
    const { resident, body } = await applicant(t.kit, 'park-chunjiang');
    const jingming = await programId('park-jingming');
    const bodies = [body, { ...body, programId: jingming }, body, { ...body, programId: jingming }, body, { ...body, programId: jingming }];
    const answers = await Promise.all(bodies.map((b) => postApplication(resident, b)));
    const won = answers.filter((r) => r.status === 201);
    expect(won).toHaveLength(1);
    const winner = won[0]?.body as Created;
    for (const lost of answers.filter((r) => r.status !== 201)) {
      // Those to the winner's park are duplicates of it; those to the other park cross the rule.
      expect(lost.status).toBe(409);
      expect(['CROSS_PROGRAMME_CONFLICT', 'DUPLICATE_APPLICATION']).toContain(lost.body.error.code);
      expect(lost.body.error.details.number).toBe(winner.number);
    }
    const stored = await ApplicationModel.findById(winner.id).orFail().lean();
    expect(await rawCollection('applications').countDocuments({ residentId: stored.residentId })).toBe(1);
    const stall = await rawCollection('crossclaims').findOne({ _id: `stall:${stored.applicant.idNumberHash}` as never });
    expect(stall).toMatchObject({ number: winner.number });
  });

  it('still answers a second application to the same park as a duplicate', async () => {
    const { resident, body } = await applicant(t.kit, 'park-jingming');
    const first = await ok<Created>(postApplication(resident, body));
    const res = await refusedApplication(() => postApplication(resident, body), 409, 'DUPLICATE_APPLICATION');
    expect(res.body.error.details.number).toBe(first.number);
  });
});

describe('no two live seats in classes whose dates overlap', () => {
  it('refuses a class sharing a day with a class already applied for, naming it', async () => {
    const resident = await t.kit.resident({ profile: {} });
    const first = await ok<Created>(apply(resident, await latheClass('2027-03-01', '2027-03-10'), FORMS.training));
    const res = await crossRefused(async () => apply(resident, await otherClass('2027-03-10', '2027-03-12'), FORMS.training));
    expectNamed(res, first, 'class_dates');
  });

  it('accepts a class the day after the other one ends', async () => {
    const resident = await t.kit.resident({ profile: {} });
    await apply(resident, await latheClass('2027-03-01', '2027-03-10'), FORMS.training).expect(201);
    await apply(resident, await otherClass('2027-03-11', '2027-03-12'), FORMS.training).expect(201);
  });

  it('gives the days back when the application is refused', async () => {
    const resident = await t.kit.resident({ profile: {} });
    const first = await ok<Created>(apply(resident, await latheClass('2027-04-01', '2027-04-05'), FORMS.training));
    await step(t.reviewer, first.id, { action: 'reject', version: 1, reason: '不符合条件' });
    await apply(resident, await otherClass('2027-04-03', '2027-04-04'), FORMS.training).expect(201);
  });
});

describe('the training subsidy: the same occupation and level once', () => {
  it('refuses a second class of the same occupation and level, even once the first is completed', async () => {
    const resident = await t.kit.resident({ profile: {} });
    const first = await ok<Created>(apply(resident, await latheClass('2027-05-01', '2027-05-03'), FORMS.training));
    await approve(first.id);
    await step(t.reviewer, first.id, { action: 'start_training', version: 3 });
    await step(t.reviewer, first.id, { action: 'complete', version: 4 });
    const res = await crossRefused(async () => apply(resident, await latheClass('2027-06-01', '2027-06-03'), FORMS.training));
    expectNamed(res, first, 'training_once');
  });

  it('accepts the next level of the same occupation', async () => {
    const resident = await t.kit.resident({ profile: {} });
    await apply(resident, await latheClass('2027-05-01', '2027-05-03'), FORMS.training).expect(201);
    await apply(resident, await latheClass('2027-06-01', '2027-06-03', '中级'), FORMS.training).expect(201);
  });

  it('gives the occupation back when the trainee did not come', async () => {
    const resident = await t.kit.resident({ profile: {} });
    const first = await ok<Created>(apply(resident, await latheClass('2027-05-01', '2027-05-03'), FORMS.training));
    await approve(first.id);
    await step(t.reviewer, first.id, { action: 'mark_no_show', version: 3 });
    await apply(resident, await latheClass('2027-06-01', '2027-06-03'), FORMS.training).expect(201);
  });
});

describe('a subsidy quarter once per person, whichever programme', () => {
  it('refuses the same quarter from another subsidy programme, naming the first claim; accepts another quarter', async () => {
    const resident = await t.kit.resident({ profile: {} });
    const [a, b] = await Promise.all([createProgram({ kind: 'subsidy' }), createProgram({ kind: 'subsidy' })]);
    const first = await ok<Created>(apply(resident, a, { ...FORMS.subsidy, period: '2026Q1' }));
    const res = await crossRefused(() => apply(resident, b, { ...FORMS.subsidy, period: '2026Q1' }));
    expectNamed(res, first, 'subsidy_quarter');
    await apply(resident, b, { ...FORMS.subsidy, period: '2026Q2' }).expect(201);
  });

  it('keeps a paid quarter claimed, and frees a withdrawn one', async () => {
    const resident = await t.kit.resident({ profile: {} });
    const [a, b] = await Promise.all([createProgram({ kind: 'subsidy' }), createProgram({ kind: 'subsidy' })]);
    const paid = await ok<Created>(apply(resident, a, { ...FORMS.subsidy, period: '2026Q1' }));
    await approve(paid.id);
    await step(t.reviewer, paid.id, { action: 'pay', version: 3 });
    await crossRefused(() => apply(resident, b, { ...FORMS.subsidy, period: '2026Q1' }));
    const withdrawn = await ok<Created>(apply(resident, a, { ...FORMS.subsidy, period: '2026Q2' }));
    await resident.post(`/api/applications/${withdrawn.id}/withdraw`).send({ version: 1 }).expect(200);
    await apply(resident, b, { ...FORMS.subsidy, period: '2026Q2' }).expect(201);
  });
});

describe('the check again when staff grant the benefit', () => {
  it('refuses to approve an application from before the rules while another holds its stall, naming the other', async () => {
    const { resident, body } = await applicant(t.kit, 'park-chunjiang');
    const old = await ok<Created>(postApplication(resident, body));
    // An application stored before the rules existed holds no claim.
    await rawCollection('crossclaims').deleteMany({ applicationId: { $exists: true }, number: old.number });
    const other = await ok<Created>(postApplication(resident, { ...body, programId: await programId('park-jingming') }));
    await step(t.reviewer, old.id, { action: 'start_review', version: 1 });
    const res = await act(t.reviewer, old.id, { action: 'approve', version: 2 });
    expect({ status: res.status, code: res.body.error?.code }).toEqual({ status: 409, code: 'CROSS_PROGRAMME_CONFLICT' });
    expect(res.body.error.details.number).toBe(other.number);
    expect(res.body.error.message).toContain('该居民已有');
    const view = await ok<{ status: string; assignment: unknown }>(t.reviewer.get(`/api/admin/applications/${old.id}`));
    expect(view).toMatchObject({ status: 'under_review', assignment: null });
  });
});

describe('the programme page', () => {
  it('lists the rules across programmes under each programme’s conditions', async () => {
    const park = await ok<{ crossRules: { code: string; text: string }[] }>(
      t.kit.anonymous.get(`/api/programs/${await programId('park-jingming')}`),
    );
    expect(park.crossRules).toEqual([{ code: 'one_stall', text: '每人同时只能申请或租用一个摊位（各创业园合计）' }]);
    const lathe = await ok<{ crossRules: { code: string }[] }>(t.kit.anonymous.get(`/api/programs/${await programId('training-lathe')}`));
    expect(lathe.crossRules.map((r) => r.code)).toEqual(['class_dates', 'training_once']);
    const loan = await ok<{ crossRules: unknown[] }>(t.kit.anonymous.get(`/api/programs/${await programId('loan-guaranteed')}`));
    expect(loan.crossRules).toEqual([]);
  });
});
