import { Types } from 'mongoose';
import {
  act,
  backdateSubmission,
  createProgram,
  daysAgo,
  expectRefused,
  rawCollection,
  staffView,
  step,
  submitFresh,
  useTestApp,
  type TransitionBody,
} from '../../../test/kit';

// Every date and amount a staff step records is bounded (shared machines/bounds.ts and steps.ts):
// a date within the application's life, an amount within the programme's terms; a value beyond is
// a 400 naming the field and stores nothing. A record already stored out of bounds is shown.

const t = useTestApp({ seedCatalog: false, staff: ['reviewer', 'admin', 'officer'] });

/** What a refusal must leave as it was: the application as stored, and the revision log. */
const stored = async (id: string) => [
  await rawCollection('applications').findOne({ _id: new Types.ObjectId(id) }),
  await rawCollection('applicationrevisions').countDocuments(),
];

/** The step is refused with 400 VALIDATION_FAILED naming exactly `field` with `message`, and nothing is stored. */
async function refusedField(id: string, body: TransitionBody, field: string, message: RegExp) {
  const res = await expectRefused(
    () => act(t.admin, id, body),
    400,
    'VALIDATION_FAILED',
    () => stored(id),
  );
  expect(Object.keys(res.body.error.fields)).toEqual([field]);
  expect(res.body.error.fields[field]).toMatch(message);
}

/** A loan application submitted `days` days ago, inspected and approved for 20,000 yuan. */
async function approvedLoan(days = 30) {
  const app = await submitFresh(t.kit, await createProgram({ kind: 'loan' }), 'loan');
  await backdateSubmission(app.id, days);
  await step(t.reviewer, app.id, { action: 'start_review', version: 1 });
  await step(t.officer, app.id, { action: 'inspect', version: 2, inspection: { date: daysAgo(days - 1), officer: '李协理', notes: '' } });
  await step(t.reviewer, app.id, { action: 'approve', version: 3, approvedFen: 2_000_000, termMonths: 12 });
  return app;
}

describe('dates a step records', () => {
  it('refuses a disbursement dated 9999-12-31, naming the date, and stores nothing', async () => {
    const app = await approvedLoan();
    await refusedField(app.id, { action: 'disburse', version: 4, amountFen: 2_000_000, date: '9999-12-31' }, 'date', /不能晚于今天/);
  });

  it('refuses a disbursement dated tomorrow: the margin after today is 0 days', async () => {
    const app = await approvedLoan();
    await refusedField(app.id, { action: 'disburse', version: 4, amountFen: 2_000_000, date: daysAgo(-1) }, 'date', /不能晚于今天/);
    expect(await step(t.admin, app.id, { action: 'disburse', version: 4, amountFen: 2_000_000, date: daysAgo(0) })).toMatchObject({
      status: 'disbursed',
    });
  });

  it('refuses a disbursement before the submission, which would make the loan overdue at once', async () => {
    const app = await approvedLoan(30);
    await refusedField(
      app.id,
      { action: 'disburse', version: 4, amountFen: 2_000_000, date: daysAgo(400) },
      'date',
      /不能早于申请提交日期/,
    );
  });

  it('refuses an inspection dated 0001-01-01, naming inspection.date', async () => {
    const app = await submitFresh(t.kit, await createProgram({ kind: 'loan' }), 'loan');
    await step(t.reviewer, app.id, { action: 'start_review', version: 1 });
    const body = { action: 'inspect', version: 2, inspection: { date: '0001-01-01', officer: '李协理', notes: '' } } as const;
    const res = await expectRefused(
      () => act(t.officer, app.id, body),
      400,
      'VALIDATION_FAILED',
      () => stored(app.id),
    );
    expect(res.body.error.fields).toEqual({ 'inspection.date': expect.stringMatching(/不能早于申请提交日期/) });
  });

  it('refuses a repayment dated before the disbursement', async () => {
    const app = await approvedLoan(30);
    await step(t.admin, app.id, { action: 'disburse', version: 4, amountFen: 2_000_000, date: daysAgo(10) });
    await refusedField(app.id, { action: 'record_repayment', version: 5, amountFen: 100, date: daysAgo(20) }, 'date', /不能早于放款日期/);
  });

  it('refuses a training start dated in the future', async () => {
    const app = await submitFresh(t.kit, await createProgram({ kind: 'training' }, 2), 'training');
    await step(t.reviewer, app.id, { action: 'start_review', version: 1 });
    await step(t.reviewer, app.id, { action: 'approve', version: 2 });
    await refusedField(app.id, { action: 'start_training', version: 3, date: daysAgo(-30) }, 'date', /不能晚于今天/);
  });
});

describe('amounts a step records', () => {
  /** An approved subsidy claim (approved amount 900 yuan, the test programme's terms). */
  async function approvedSubsidy() {
    const app = await submitFresh(t.kit, await createProgram({ kind: 'subsidy' }), 'subsidy');
    await step(t.reviewer, app.id, { action: 'start_review', version: 1 });
    await step(t.reviewer, app.id, { action: 'approve', version: 2 });
    return app;
  }

  it('refuses to pay a subsidy above its approved amount, up to MAX_SAFE_INTEGER', async () => {
    const app = await approvedSubsidy();
    await refusedField(app.id, { action: 'pay', version: 3, amountFen: 90_001 }, 'amountFen', /不能超过核定金额 900 元/);
    await refusedField(app.id, { action: 'pay', version: 3, amountFen: Number.MAX_SAFE_INTEGER }, 'amountFen', /不能超过核定金额/);
    await refusedField(app.id, { action: 'pay', version: 3, amountFen: 0 }, 'amountFen', /应大于 0/);
    expect(await step(t.admin, app.id, { action: 'pay', version: 3, amountFen: 45_000 })).toMatchObject({
      status: 'paid',
      subsidy: { paidFen: 45_000 },
    });
  });

  it('refuses a disbursement above the approved principal', async () => {
    const app = await approvedLoan();
    await refusedField(app.id, { action: 'disburse', version: 4, amountFen: 2_000_001, date: daysAgo(1) }, 'amountFen', /不能超过批准金额/);
  });
});

describe('a record already stored out of bounds', () => {
  it('is shown by the staff detail as stored, not answered 500', async () => {
    const app = await approvedLoan();
    await step(t.admin, app.id, { action: 'disburse', version: 4, amountFen: 2_000_000, date: daysAgo(1) });
    // Written past the bounds, as an older version of the BFF or a hand edit could have.
    await rawCollection('applications').updateOne(
      { _id: new Types.ObjectId(app.id) },
      { $set: { 'loan.disbursedOn': '9999-12-31', 'loan.dueOn': '+010000-12-31', 'loan.outstandingFen': Number.MAX_SAFE_INTEGER * 4 } },
    );
    expect(await staffView(t.reviewer, app.id)).toMatchObject({
      status: 'disbursed',
      loan: { disbursedOn: '9999-12-31', dueOn: '+010000-12-31', outstandingFen: Number.MAX_SAFE_INTEGER * 4 },
    });
    const queue = await t.reviewer.get('/api/admin/applications').query({ kind: 'loan', overdue: 'true' });
    expect(queue.status).toBe(200);
  });
});
