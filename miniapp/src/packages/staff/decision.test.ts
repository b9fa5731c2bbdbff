import { ApiError } from '../../services/request';
import { loanProgram } from '../../testing/fixtures';
import {
  buildTransition,
  decisionFields,
  errorsFromApi,
  initialValues,
  offeredActions,
  transitionFailure,
  type DecisionContext,
} from './decision';
import { staffApplication, stallApplication } from './testing/fixtures';

// At most 50,000 yuan over at most 24 months.
const loanProduct = loanProgram();

const context = (overrides: Partial<DecisionContext> = {}): DecisionContext => ({
  application: staffApplication({ status: 'inspected', version: 5 }),
  program: loanProduct,
  staffName: '王芳',
  today: '2026-03-05',
  ...overrides,
});

describe('offeredActions', () => {
  it('offers the steps in button order, leaving out the resident’s resubmit', () => {
    expect(offeredActions(['reject', 'resubmit', 'approve', 'request_info'])).toEqual(['approve', 'request_info', 'reject']);
  });
});

describe('buildTransition', () => {
  it('requires a reason to reject', () => {
    const built = buildTransition('reject', context(), { reason: '  ' });

    expect(built).toEqual({ ok: false, errors: { reason: '请填写不予通过的原因' } });
  });

  it('sends the reason and the version seen', () => {
    expect(buildTransition('request_info', context(), { reason: '请补充营业执照' })).toEqual({
      ok: true,
      body: { action: 'request_info', version: 5, reason: '请补充营业执照' },
    });
  });

  it('turns an approved loan amount in yuan into fen with the term in months', () => {
    const built = buildTransition('approve', context(), { approvedAmount: '28,000.5', termMonths: '12' });

    expect(built).toEqual({ ok: true, body: { action: 'approve', version: 5, approvedFen: 2_800_050, termMonths: 12 } });
  });

  it('refuses an amount over the loan product’s limit', () => {
    const built = buildTransition('approve', context(), { approvedAmount: '60000', termMonths: '12' });

    expect(built).toEqual({ ok: false, errors: { approvedAmount: '批准金额不能超过本产品最高额度 50,000 元' } });
  });

  it('refuses an amount that is not one', () => {
    const built = buildTransition('approve', context(), { approvedAmount: '三万', termMonths: '12' });

    expect(built.ok).toBe(false);
    expect(!built.ok && built.errors.approvedAmount).toBe('金额格式不正确，如 30000 或 30000.50');
  });

  it('sends an optional stall label only when one is given', () => {
    const stall = context({ application: stallApplication({ version: 2 }), program: undefined });

    expect(buildTransition('approve', stall, {})).toEqual({ ok: true, body: { action: 'approve', version: 2 } });
    expect(buildTransition('approve', stall, { slotLabel: 'CJ-007' })).toEqual({
      ok: true,
      body: { action: 'approve', version: 2, slotLabel: 'CJ-007' },
    });
  });

  it('records an inspection with its date, officer and notes', () => {
    const inspect = context({ application: staffApplication({ status: 'under_review', version: 3 }) });
    const values = { ...initialValues('inspect', inspect), inspectionNotes: '店面已租好' };

    expect(buildTransition('inspect', inspect, values)).toEqual({
      ok: true,
      body: { action: 'inspect', version: 3, inspection: { date: '2026-03-05', officer: '王芳', notes: '店面已租好' } },
    });
  });

  it('refuses a disbursement over the approved amount', () => {
    const approved = context({
      application: staffApplication({ status: 'approved', loan: { approvedFen: 2_000_000, repayments: [], repaidFen: 0 } }),
    });

    const built = buildTransition('disburse', approved, { amount: '20000.01', date: '2026-03-05' });

    expect(built).toEqual({ ok: false, errors: { amount: '放款金额不能超过批准金额 20,000 元' } });
  });

  it('refuses a date before the submission or after today, as the BFF does (shared machines/bounds.ts)', () => {
    const approved = context({
      application: staffApplication({ status: 'approved', loan: { approvedFen: 2_000_000, repayments: [], repaidFen: 0 } }),
    });

    expect(buildTransition('disburse', approved, { amount: '20000', date: '2026-02-28' })).toEqual({
      ok: false,
      errors: { date: '日期不能早于申请提交日期 2026-03-01' },
    });
    expect(buildTransition('disburse', approved, { amount: '20000', date: '9999-12-31' })).toEqual({
      ok: false,
      errors: { date: '日期不能晚于今天 2026-03-05' },
    });
    expect(buildTransition('disburse', approved, { amount: '20000', date: '2026-03-01' }).ok).toBe(true);
  });

  it('refuses a subsidy payment above its approved amount', () => {
    const approved = context({
      application: staffApplication({ kind: 'subsidy', status: 'approved', subsidy: { approvedFen: 90_000 } }),
      program: undefined,
    });

    expect(buildTransition('pay', approved, { amount: '900.01', date: '2026-03-05' })).toEqual({
      ok: false,
      errors: { amount: '发放金额不能超过核定金额 900 元' },
    });
  });

  it('refuses a date that is not one', () => {
    const built = buildTransition('complete', context(), { date: '2026/3/5' });

    expect(built).toEqual({ ok: false, errors: { date: '日期格式应为 2026-03-05' } });
  });
});

describe('decisionFields', () => {
  it('asks for the approved amount and term of a loan, showing what was applied for', () => {
    const fields = decisionFields('approve', context());

    expect(fields.map((f) => f.name)).toEqual(['approvedAmount', 'termMonths', 'reason']);
    expect(fields[0]?.hint).toBe('申请 30,000 元，本产品最高 50,000 元');
  });
});

describe('errorsFromApi', () => {
  it('puts the BFF’s field errors at the form’s fields', () => {
    expect(errorsFromApi({ approvedFen: '批准金额超出该贷款产品的上限', action: '操作不正确' })).toEqual({
      errors: { approvedAmount: '批准金额超出该贷款产品的上限' },
      rest: ['操作不正确'],
    });
  });
});

describe('transitionFailure', () => {
  it('explains a stale version in Chinese and asks for a reload', () => {
    const failure = transitionFailure(new ApiError('STALE_VERSION', '申请已被他人处理，请刷新后重试', 409));

    expect(failure).toEqual({ title: '申请已被他人处理', message: expect.stringContaining('其他工作人员处理过'), reload: true });
  });

  it('says no place is left with the BFF’s words and asks for a reload', () => {
    const failure = transitionFailure(new ApiError('NO_CAPACITY', '该园区摊位已全部分配，暂无空闲摊位', 409));

    expect(failure).toEqual({ title: '名额已满', message: '该园区摊位已全部分配，暂无空闲摊位。未能批准，页面已刷新。', reload: true });
  });
});
