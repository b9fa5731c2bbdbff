import { loanProgram, stallProgram, subsidyProgram, trainingProgram } from '../../testing/fixtures';
import { describeValues, fieldsFor, recentQuarters, toForm, validateForm, valuesOf } from './forms';

describe('validateForm', () => {
  it('answers an empty stall form with the shared schema’s Chinese messages', () => {
    const check = validateForm(stallProgram(), {});

    expect(check).toEqual({ ok: false, errors: { businessCategory: '请选择经营类别', businessPlan: '请填写经营设想' } });
  });

  it('says how long the business plan must be', () => {
    const check = validateForm(stallProgram(), { businessCategory: 'clothing', businessPlan: '卖衣服' });

    expect(check).toEqual({ ok: false, errors: { businessPlan: '经营设想至少 10 个字' } });
  });

  it('turns the loan amount typed in yuan into fen', () => {
    const check = validateForm(loanProgram(), {
      businessName: '早餐店',
      amountYuan: '28,000.5',
      termMonths: '12',
      purpose: '购买炉灶和桌椅',
    });

    expect(check).toEqual({
      ok: true,
      form: { kind: 'loan', businessName: '早餐店', amountFen: 2_800_050, termMonths: 12, purpose: '购买炉灶和桌椅' },
    });
  });

  it('shows amount errors at the yuan field', () => {
    const base = { businessName: '早餐店', termMonths: '12', purpose: '购买炉灶和桌椅' };

    expect(validateForm(loanProgram(), { ...base, amountYuan: '' })).toMatchObject({ errors: { amountYuan: '请填写贷款金额' } });
    expect(validateForm(loanProgram(), { ...base, amountYuan: '两万' })).toMatchObject({
      errors: { amountYuan: '金额请只填数字，如 20000' },
    });
    expect(validateForm(loanProgram(), { ...base, amountYuan: '500' })).toMatchObject({ errors: { amountYuan: '贷款金额至少 1,000 元' } });
    expect(validateForm(loanProgram(), { ...base, amountYuan: '60000' })).toMatchObject({
      errors: { amountYuan: '贷款金额不能超过 50,000 元' },
    });
  });

  it('holds the loan term to the programme’s longest', () => {
    const check = validateForm(loanProgram(), { businessName: '早餐店', amountYuan: '20000', termMonths: '36', purpose: '购买炉灶和桌椅' });

    expect(check).toMatchObject({ errors: { termMonths: '贷款期限不能超过 24 个月' } });
  });

  it('leaves the optional work experience out when empty', () => {
    expect(validateForm(trainingProgram(), { education: 'junior', experience: '  ' })).toEqual({
      ok: true,
      form: { kind: 'training', education: 'junior' },
    });
  });

  it('asks for the quarter of a subsidy claim', () => {
    expect(validateForm(subsidyProgram(), { employment: '小区保洁' })).toMatchObject({ errors: { period: '请选择申领季度' } });
  });
});

describe('valuesOf', () => {
  it('gives back the text that produced a stored form, for editing', () => {
    const form = { kind: 'loan' as const, businessName: '早餐店', amountFen: 2_800_050, termMonths: 12, purpose: '购买炉灶和桌椅' };

    expect(toForm('loan', valuesOf(form))).toEqual(form);
  });
});

describe('fieldsFor', () => {
  it('offers only the stall categories the park has', () => {
    const [category] = fieldsFor(stallProgram());

    expect(category).toMatchObject({
      type: 'choice',
      options: [
        { value: 'general_goods', label: '百货' },
        { value: 'clothing', label: '服装' },
      ],
    });
  });
});

describe('recentQuarters', () => {
  it('counts back from the quarter of the day in China', () => {
    // 16:30 UTC on 31 March is already 1 April in Nanjing.
    const quarters = recentQuarters(new Date('2026-03-31T16:30:00Z'));

    expect(quarters.map((q) => q.value)).toEqual(['2026Q2', '2026Q1', '2025Q4', '2025Q3']);
    expect(quarters[0]?.label).toBe('2026年第2季度（本季度）');
  });
});

describe('describeValues', () => {
  it('shows choices by their labels and amounts in yuan', () => {
    const facts = describeValues(fieldsFor(loanProgram()), { businessName: '早餐店', amountYuan: '28000', termMonths: '12', purpose: '' });

    expect(facts).toEqual([
      { label: '经营项目名称', value: '早餐店' },
      { label: '贷款金额', value: '28,000 元' },
      { label: '贷款期限', value: '12 个月' },
      { label: '贷款用途', value: '未填写' },
    ]);
  });
});
