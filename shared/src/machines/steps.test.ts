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
    today: '2026-11-25',
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
    expect(amountCap('disburse', loan, undefined)).toEqual({ maxFen: 2_000_000, message: '放款金额不能超过批准金额 20,000 元' });
    expect(amountCap('record_repayment', loan, undefined)).toEqual({ maxFen: 150_000, message: '还款金额不能超过未还金额 1,500 元' });
    expect(amountCap('settle', loan, undefined)).toBeNull();
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
