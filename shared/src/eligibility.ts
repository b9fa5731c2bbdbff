import { CATEGORY_LABELS, HOUSEHOLD_TYPE_LABELS, type Category, type HouseholdType } from './schemas/common';
import type { FieldErrors } from './errors';
import type { ApplicationForm } from './schemas/application';
import type { EligibilityRules, KindWithTerms, MaterialRequirement } from './schemas/program';
import { chinaClock } from './time';
import { formatYuan } from './validators/money';
import { ageOn } from './validators/id-number';
import { CERTIFIED_CATEGORIES, type CertificateStatus } from './machines/certificate';

/** What eligibility is judged on: facts from the resident's profile. */
export interface EligibilityFacts {
  categories: readonly Category[];
  householdType: HouseholdType;
  /** An active, verified 就业创业证 (certificateFacts), never a typed number. */
  hasCertificate: boolean;
  /** The verified certificate is suspended: said as such rather than "apply for one". */
  certificateSuspended?: boolean;
  birthDate: string;
}

/**
 * The certificate's part of the facts: categories only a verified record
 * carries (登记失业, 就业困难) count from the active certificate alone, the
 * profile's other categories as declared.
 */
export function certificateFacts(
  profileCategories: readonly Category[],
  certificate: { status: CertificateStatus; categories: readonly Category[] } | null,
): Pick<EligibilityFacts, 'categories' | 'hasCertificate' | 'certificateSuspended'> {
  const certified: readonly string[] = CERTIFIED_CATEGORIES;
  const active = certificate?.status === 'active';
  const declared = profileCategories.filter((c) => !certified.includes(c));
  const verified = active ? certificate.categories.filter((c) => certified.includes(c)) : [];
  return {
    categories: [...new Set([...declared, ...verified])],
    hasCertificate: active,
    certificateSuspended: certificate?.status === 'suspended',
  };
}

export interface EligibilityResult {
  eligible: boolean;
  /** Each unmet rule, in words a resident understands. */
  reasons: string[];
}

/** Judges a profile against a programme's rules on the given day. */
export function checkEligibility(rules: EligibilityRules, facts: EligibilityFacts, today: Date): EligibilityResult {
  const reasons: string[] = [];
  if (rules.categoriesAny && rules.categoriesAny.length > 0) {
    const hit = rules.categoriesAny.some((c) => facts.categories.includes(c));
    if (!hit) reasons.push(`需属于以下人员类别之一：${rules.categoriesAny.map((c) => CATEGORY_LABELS[c]).join('、')}`);
  }
  if (rules.requiresCertificate && !facts.hasCertificate) {
    reasons.push(
      facts.certificateSuspended ? '您的《就业创业证》已暂停使用，暂不能申请' : '需持有已核验的《就业创业证》，请在“我的”中申请办理',
    );
  }
  if (rules.householdTypes && rules.householdTypes.length > 0 && !rules.householdTypes.includes(facts.householdType)) {
    reasons.push(`仅限${rules.householdTypes.map((h) => HOUSEHOLD_TYPE_LABELS[h]).join('、')}`);
  }
  // Ages are counted on the calendar day in China, whatever the server's time zone.
  const age = ageOn(facts.birthDate, chinaClock(today));
  if ((rules.minAge !== undefined || rules.maxAge !== undefined) && Number.isNaN(age)) {
    reasons.push('无法从身份证号确定年龄，请核对实名信息');
  }
  if (rules.minAge !== undefined && age < rules.minAge) reasons.push(`年龄需满 ${rules.minAge} 周岁`);
  if (rules.maxAge !== undefined && age > rules.maxAge) reasons.push(`年龄需在 ${rules.maxAge} 周岁以下`);
  return { eligible: reasons.length === 0, reasons };
}

/** The rules in plain words, for the programme page. */
export function describeEligibility(rules: EligibilityRules): string[] {
  const lines: string[] = [];
  if (rules.categoriesAny && rules.categoriesAny.length > 0) {
    lines.push(`属于以下人员之一：${rules.categoriesAny.map((c) => CATEGORY_LABELS[c]).join('、')}`);
  }
  if (rules.requiresCertificate) lines.push('持有已核验的《就业创业证》');
  if (rules.householdTypes && rules.householdTypes.length > 0) {
    lines.push(`户籍：${rules.householdTypes.map((h) => HOUSEHOLD_TYPE_LABELS[h]).join('、')}`);
  }
  if (rules.minAge !== undefined && rules.maxAge !== undefined) lines.push(`年龄 ${rules.minAge}-${rules.maxAge} 周岁`);
  else if (rules.minAge !== undefined) lines.push(`年龄满 ${rules.minAge} 周岁`);
  else if (rules.maxAge !== undefined) lines.push(`年龄不超过 ${rules.maxAge} 周岁`);
  if (lines.length === 0) lines.push('本区居民均可申请');
  return lines;
}

const yuanWords = (fen: number) => formatYuan(fen).replace(/\.00$/, '');

/**
 * A form's problems against its programme's terms — the loan product's
 * limits, the park's business categories — keyed by the form's field; empty
 * when it fits. The BFF refuses with these and the mini-program shows them.
 */
export function formProblems(form: ApplicationForm, program: KindWithTerms): FieldErrors {
  const problems: FieldErrors = {};
  if (form.kind === 'loan' && program.kind === 'loan') {
    const { maxAmountFen, maxTermMonths } = program.details;
    if (form.amountFen > maxAmountFen) problems.amountFen = `贷款金额不能超过 ${yuanWords(maxAmountFen)} 元`;
    if (form.termMonths > maxTermMonths) problems.termMonths = `贷款期限不能超过 ${maxTermMonths} 个月`;
  }
  if (form.kind === 'stall' && program.kind === 'stall' && !program.details.categories.includes(form.businessCategory)) {
    problems.businessCategory = '该园区没有这个经营类别';
  }
  return problems;
}

/** The refusal's message when required materials are missing (the field's message says which). */
export const MISSING_MATERIALS = '缺少必需的材料';

/** "请上传：…" naming each required material without one of `purposes`; null when none is missing. */
export function missingMaterials(required: readonly MaterialRequirement[], purposes: readonly string[]): string | null {
  const missing = required.filter((m) => m.required && !purposes.includes(m.code));
  return missing.length > 0 ? `请上传：${missing.map((m) => m.label).join('、')}` : null;
}
