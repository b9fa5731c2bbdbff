import {
  certificateFacts,
  checkEligibility,
  describeEligibility,
  formProblems,
  missingMaterials,
  type EligibilityFacts,
} from './eligibility';
import type { EligibilityRules } from './schemas/program';

const HAN = /\p{Script=Han}/u;

const facts: EligibilityFacts = {
  categories: ['laid_off'],
  householdType: 'urban',
  hasCertificate: true,
  birthDate: '1980-06-15',
};

const DAY_BEFORE_40TH = new Date(Date.UTC(2020, 5, 14));
const ON_40TH = new Date(Date.UTC(2020, 5, 15));

function reasonsFor(rules: EligibilityRules, overrides: Partial<EligibilityFacts> = {}, today = ON_40TH): string[] {
  return checkEligibility(rules, { ...facts, ...overrides }, today).reasons;
}

describe('checkEligibility', () => {
  it('admits anyone when there are no rules', () => {
    expect(checkEligibility({}, facts, ON_40TH)).toEqual({ eligible: true, reasons: [] });
  });

  it('admits a resident in one of the required categories', () => {
    const result = checkEligibility({ categoriesAny: ['landless_farmer', 'laid_off'] }, facts, ON_40TH);
    expect(result).toEqual({ eligible: true, reasons: [] });
  });

  it('refuses a resident in none of the required categories and names them', () => {
    const result = checkEligibility({ categoriesAny: ['landless_farmer', 'hard_to_employ'] }, facts, ON_40TH);
    expect(result.eligible).toBe(false);
    expect(result.reasons).toHaveLength(1);
    expect(result.reasons[0]).toContain('被征地农民');
    expect(result.reasons[0]).toContain('就业困难人员');
  });

  it('refuses a resident with no categories when categories are required', () => {
    expect(reasonsFor({ categoriesAny: ['laid_off'] }, { categories: [] })).toHaveLength(1);
  });

  it('ignores an empty category list', () => {
    expect(reasonsFor({ categoriesAny: [] }, { categories: [] })).toEqual([]);
  });

  it('admits a certificate holder when a certificate is required', () => {
    expect(reasonsFor({ requiresCertificate: true })).toEqual([]);
  });

  it('refuses a resident without the certificate when it is required', () => {
    const reasons = reasonsFor({ requiresCertificate: true }, { hasCertificate: false });
    expect(reasons).toHaveLength(1);
    expect(reasons[0]).toContain('就业创业证');
  });

  it('does not ask for a certificate when the rule is false', () => {
    expect(reasonsFor({ requiresCertificate: false }, { hasCertificate: false })).toEqual([]);
  });

  it('admits a matching household type', () => {
    expect(reasonsFor({ householdTypes: ['urban'] })).toEqual([]);
  });

  it('refuses another household type and names the allowed one', () => {
    const reasons = reasonsFor({ householdTypes: ['rural'] });
    expect(reasons).toHaveLength(1);
    expect(reasons[0]).toContain('农村户籍');
  });

  it('admits a resident on the day they reach the minimum age', () => {
    expect(reasonsFor({ minAge: 40 }, {}, ON_40TH)).toEqual([]);
  });

  it('refuses a resident the day before they reach the minimum age', () => {
    const reasons = reasonsFor({ minAge: 40 }, {}, DAY_BEFORE_40TH);
    expect(reasons).toHaveLength(1);
    expect(reasons[0]).toContain('40');
  });

  it('admits a resident whose age equals the maximum', () => {
    expect(reasonsFor({ maxAge: 39 }, {}, DAY_BEFORE_40TH)).toEqual([]);
  });

  it('refuses a resident from the birthday that takes them over the maximum', () => {
    const reasons = reasonsFor({ maxAge: 39 }, {}, ON_40TH);
    expect(reasons).toHaveLength(1);
    expect(reasons[0]).toContain('39');
  });

  it('admits a resident inside an age range', () => {
    expect(reasonsFor({ minAge: 16, maxAge: 60 })).toEqual([]);
  });

  it('admits a resident who meets every rule', () => {
    const rules: EligibilityRules = {
      categoriesAny: ['laid_off'],
      requiresCertificate: true,
      householdTypes: ['urban'],
      minAge: 18,
      maxAge: 60,
    };
    expect(checkEligibility(rules, facts, ON_40TH)).toEqual({ eligible: true, reasons: [] });
  });

  it('gives one reason per unmet rule, in rule order', () => {
    const rules: EligibilityRules = {
      categoriesAny: ['landless_farmer'],
      requiresCertificate: true,
      householdTypes: ['rural'],
      minAge: 45,
    };
    const result = checkEligibility(rules, { ...facts, hasCertificate: false }, ON_40TH);
    expect(result.eligible).toBe(false);
    expect(result.reasons).toHaveLength(4);
    expect(result.reasons[0]).toContain('被征地农民');
    expect(result.reasons[1]).toContain('就业创业证');
    expect(result.reasons[2]).toContain('农村户籍');
    expect(result.reasons[3]).toContain('45');
  });

  it('reports only the rules that fail', () => {
    const rules: EligibilityRules = { categoriesAny: ['laid_off'], householdTypes: ['rural'], maxAge: 35 };
    expect(reasonsFor(rules)).toHaveLength(2);
  });

  it('writes every reason in Chinese', () => {
    const rules: EligibilityRules = { categoriesAny: ['migrant_worker'], requiresCertificate: true, householdTypes: ['rural'], minAge: 50 };
    const reasons = reasonsFor(rules, { hasCertificate: false });
    expect(reasons.length).toBeGreaterThan(0);
    for (const reason of reasons) expect(reason).toMatch(HAN);
  });
});

describe('checkEligibility in China time', () => {
  it('counts a birthday that has begun in Beijing though not yet in UTC', () => {
    // 2026-03-15 00:30 in Beijing is still 2026-03-14 in UTC.
    const justAfterMidnight = new Date('2026-03-14T16:30:00Z');
    const result = checkEligibility({ minAge: 40 }, { ...facts, birthDate: '1986-03-15' }, justAfterMidnight);
    expect(result.eligible).toBe(true);
  });

  it('refuses age rules when the birth date cannot be read', () => {
    const result = checkEligibility({ minAge: 18 }, { ...facts, birthDate: 'unknown' }, new Date('2026-06-01T00:00:00Z'));
    expect(result.eligible).toBe(false);
  });
});

describe('describeEligibility', () => {
  it('says anyone in the district may apply when there are no rules', () => {
    expect(describeEligibility({})).toEqual(['本区居民均可申请']);
  });

  it('ignores empty lists', () => {
    expect(describeEligibility({ categoriesAny: [], householdTypes: [] })).toEqual(['本区居民均可申请']);
  });

  it('names the categories', () => {
    expect(describeEligibility({ categoriesAny: ['laid_off', 'rural_migrant'] })).toEqual([
      '属于以下人员之一：国企下岗职工、农村转移劳动力',
    ]);
  });

  it('mentions the certificate', () => {
    expect(describeEligibility({ requiresCertificate: true })).toEqual(['持有已核验的《就业创业证》']);
  });

  it('names the household types', () => {
    expect(describeEligibility({ householdTypes: ['urban', 'rural'] })).toEqual(['户籍：城镇户籍、农村户籍']);
  });

  it('writes an age range', () => {
    expect(describeEligibility({ minAge: 16, maxAge: 60 })).toEqual(['年龄 16-60 周岁']);
  });

  it('writes a minimum age alone', () => {
    expect(describeEligibility({ minAge: 18 })).toEqual(['年龄满 18 周岁']);
  });

  it('writes a maximum age alone', () => {
    expect(describeEligibility({ maxAge: 45 })).toEqual(['年龄不超过 45 周岁']);
  });

  it('writes a minimum age of 0', () => {
    expect(describeEligibility({ minAge: 0 })).toEqual(['年龄满 0 周岁']);
  });

  it('lists every rule in order', () => {
    const lines = describeEligibility({
      categoriesAny: ['hard_to_employ'],
      requiresCertificate: true,
      householdTypes: ['rural'],
      minAge: 16,
      maxAge: 60,
    });
    expect(lines).toEqual(['属于以下人员之一：就业困难人员', '持有已核验的《就业创业证》', '户籍：农村户籍', '年龄 16-60 周岁']);
  });
});

describe('a form against its programme’s terms', () => {
  const terms = { kind: 'loan' as const, details: { maxAmountFen: 5_000_000, maxTermMonths: 24 } };
  const form = { kind: 'loan' as const, businessName: '早餐店', amountFen: 6_000_000, termMonths: 36, purpose: '购置设备和原料' };

  it('names each limit exceeded on its field', () => {
    expect(formProblems(form, terms)).toEqual({ amountFen: '贷款金额不能超过 50,000 元', termMonths: '贷款期限不能超过 24 个月' });
  });

  it('finds nothing in a form that fits', () => {
    expect(formProblems({ ...form, amountFen: 5_000_000, termMonths: 24 }, terms)).toEqual({});
  });

  it('refuses a business category the park does not have', () => {
    const park = { kind: 'stall' as const, details: { park: '创业园', address: '', categories: ['clothing' as const] } };
    expect(formProblems({ kind: 'stall', businessCategory: 'general_goods', businessPlan: '经营日用百货和小商品' }, park)).toEqual({
      businessCategory: '该园区没有这个经营类别',
    });
  });
});

describe('missing materials', () => {
  const required = [
    { code: 'id_card', label: '身份证正反面照片', required: true },
    { code: 'certificate', label: '《再就业优惠证》照片', required: true },
    { code: 'photo', label: '近期照片', required: false },
  ];

  it('names each required material not given', () => {
    expect(missingMaterials(required, ['id_card'])).toBe('请上传：《再就业优惠证》照片');
    expect(missingMaterials(required, [])).toBe('请上传：身份证正反面照片、《再就业优惠证》照片');
  });

  it('is satisfied by the required ones alone', () => {
    expect(missingMaterials(required, ['certificate', 'id_card'])).toBeNull();
  });
});

describe('certificateFacts', () => {
  it('counts 登记失业 and 就业困难 only from an active certificate', () => {
    const declared = ['laid_off', 'hard_to_employ', 'registered_unemployed'] as const;
    expect(certificateFacts(declared, null)).toEqual({ categories: ['laid_off'], hasCertificate: false, certificateSuspended: false });
    expect(certificateFacts(declared, { status: 'active', categories: ['hard_to_employ'] })).toEqual({
      categories: ['laid_off', 'hard_to_employ'],
      hasCertificate: true,
      certificateSuspended: false,
    });
  });

  it('gives a suspended certificate nothing and says it is suspended', () => {
    const facts = certificateFacts([], { status: 'suspended', categories: ['hard_to_employ'] });
    expect(facts).toEqual({ categories: [], hasCertificate: false, certificateSuspended: true });
    expect(reasonsFor({ requiresCertificate: true }, facts)).toEqual(['您的《就业创业证》已暂停使用，暂不能申请']);
  });
});
