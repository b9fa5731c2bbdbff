import { loanRecordSchema, subsidyRecordSchema, transitionRequestSchema, type TransitionRequestBody } from '../schemas/review';
import type { ApplicationForm } from '../schemas/application';
import { addMonths, amountCap, recordStep, stepReadsTerms, type RecordStepInput } from './steps';

const loanForm: ApplicationForm = { kind: 'loan', businessName: '早餐店', amountFen: 2_000_000, termMonths: 12, purpose: '购置设备和原料' };
const loanTerms = { kind: 'loan' as const, details: { maxAmountFen: 5_000_000, maxTermMonths: 24 } };

function input(request: TransitionRequestBody, loan: object = {}, extra: Partial<RecordStepInput> = {}): RecordStepInput {
  return {
    request,
    form: loanForm,
    loan: loanRecordSchema.parse(loan),
    subsidy: subsidyRecordSchema.parse({}),
    today: '2027-03-05',
    submittedAt: '2026-11-01T02:00:00.000Z',
    ...extra,
  };
}

describe('the step rules', () => {
  it('records a loan approval’s amount and term under the words the records use', () => {
    const outcome = recordStep(
      'loan',
      input({ action: 'approve', version: 3, approvedFen: 1_000_000, termMonths: 6 }, {}, { program: loanTerms }),
    );
    expect(outcome).toEqual({
      ok: true,
      record: { set: { 'loan.approvedFen': 1_000_000, 'loan.termMonths': 6 }, data: { approvedFen: 1_000_000, termMonths: 6 } },
    });
  });

  it('refuses a loan approval above the product’s limit, on the amount field, in the words the form shows', () => {
    const outcome = recordStep(
      'loan',
      input({ action: 'approve', version: 3, approvedFen: 9_000_000, termMonths: 6 }, {}, { program: loanTerms }),
    );
    expect(outcome).toEqual({ ok: false, fields: { approvedFen: '批准金额不能超过本产品最高额度 50,000 元' } });
  });

  it('records the settled date of a repaid loan', () => {
    const outcome = recordStep('loan', input({ action: 'settle', version: 7, date: '2027-03-02' }, { outstandingFen: 0 }));
    expect(outcome).toEqual({ ok: true, record: { set: { 'loan.settledOn': '2027-03-02' } } });
  });

  it('refuses to settle a loan with money outstanding, as a conflict', () => {
    expect(recordStep('loan', input({ action: 'settle', version: 7 }, { outstandingFen: 500 }))).toEqual({
      ok: false,
      conflict: '尚有 5 元未还，不能结清',
    });
  });

  it('caps a disbursement at the approved amount and a repayment at what is owed', () => {
    const loan = loanRecordSchema.parse({ approvedFen: 2_000_000, outstandingFen: 150_000 });
    expect(amountCap('disburse', { loan }, undefined)).toEqual({ maxFen: 2_000_000, message: '放款金额不能超过批准金额 20,000 元' });
    expect(amountCap('record_repayment', { loan }, undefined)).toEqual({ maxFen: 150_000, message: '还款金额不能超过未还金额 1,500 元' });
    expect(amountCap('settle', { loan }, undefined)).toBeNull();
  });

  it('caps a subsidy’s payment at its approved amount and refuses zero', () => {
    const subsidy = subsidyRecordSchema.parse({ approvedFen: 90_000 });
    const pay = (amountFen: number) => recordStep('subsidy', input({ action: 'pay', version: 3, amountFen }, {}, { subsidy }));
    expect(pay(90_001)).toEqual({ ok: false, fields: { amountFen: '发放金额不能超过核定金额 900 元' } });
    expect(pay(Number.MAX_SAFE_INTEGER)).toEqual({ ok: false, fields: { amountFen: '发放金额不能超过核定金额 900 元' } });
    expect(pay(0)).toEqual({ ok: false, fields: { amountFen: '金额应大于 0' } });
    expect(pay(90_000)).toMatchObject({ ok: true });
  });

  it('refuses a date before the submission, after today, or a repayment before the disbursement, naming the field', () => {
    const disburse = (date: string) =>
      recordStep('loan', input({ action: 'disburse', version: 4, amountFen: 100, date }, { approvedFen: 1_000 }));
    expect(disburse('2026-10-31')).toEqual({ ok: false, fields: { date: '日期不能早于申请提交日期 2026-11-01' } });
    expect(disburse('9999-12-31')).toEqual({ ok: false, fields: { date: '日期不能晚于今天 2027-03-05' } });
    expect(disburse('2027-03-05')).toMatchObject({ ok: true });
    const inspect = recordStep(
      'loan',
      input({ action: 'inspect', version: 2, inspection: { date: '0001-01-01', officer: '李协理', notes: '' } }),
    );
    expect(inspect).toEqual({ ok: false, fields: { 'inspection.date': '日期不能早于申请提交日期 2026-11-01' } });
    const repay = recordStep(
      'loan',
      input({ action: 'record_repayment', version: 5, amountFen: 1, date: '2026-12-01' }, { disbursedOn: '2027-01-10', outstandingFen: 5 }),
    );
    expect(repay).toEqual({ ok: false, fields: { date: '日期不能早于放款日期 2027-01-10' } });
  });

  it('names the steps that read the programme’s terms, and will not run one without them', () => {
    expect(stepReadsTerms('loan', 'approve')).toBe(true);
    expect(stepReadsTerms('loan', 'disburse')).toBe(false);
    expect(() => recordStep('loan', input({ action: 'approve', version: 3, approvedFen: 1, termMonths: 1 }))).toThrow('needs the terms');
  });

  it('records nothing beyond the status for a step without a rule', () => {
    expect(recordStep('stall', input({ action: 'release', version: 3 }))).toEqual({ ok: true, record: {} });
  });

  it('counts a due date in calendar months, on the last day of a shorter month', () => {
    expect(addMonths('2026-11-25', 12)).toBe('2027-11-25');
    expect(addMonths('2027-01-31', 1)).toBe('2027-02-28');
  });
});

describe('the request of each step', () => {
  it('takes only that step’s own fields', () => {
    expect(transitionRequestSchema.safeParse({ action: 'reject', version: 2, reason: '材料不全', amountFen: 100 }).success).toBe(false);
    expect(transitionRequestSchema.safeParse({ action: 'pay', version: 2, amountFen: 100 }).success).toBe(true);
  });

  it('requires what the step cannot do without, with the message the form shows', () => {
    const result = transitionRequestSchema.safeParse({ action: 'disburse', version: 4 });
    expect(result.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['amountFen', '请填写放款金额'],
      ['date', '请填写放款日期'],
    ]);
  });
});
