import {
  EDUCATION_LABELS,
  EDUCATION_LEVELS,
  formProblems,
  loanFormSchema,
  parseYuan,
  STALL_CATEGORY_LABELS,
  stallFormSchema,
  subsidyFormSchema,
  trainingFormSchema,
  type ApplicationForm,
  type FieldErrors,
  type Program,
  type ProgramKind,
} from '@minsheng/shared';
import { chinaClock } from '@minsheng/shared/time';
import type { Choice } from '../../components/ChoiceGroup';
import { yuanText } from '../../format';

/** What the resident typed or picked, as text, by field name: the draft stores exactly this. */
export type FormValues = Record<string, string>;

interface SpecBase {
  name: string;
  label: string;
  hint?: string;
  optional?: boolean;
}

/** One field of an application form, as the page shows it. */
export type FieldSpec =
  | (SpecBase & { type: 'text' | 'textarea'; placeholder: string; maxLength: number })
  | (SpecBase & { type: 'number'; placeholder: string; unit: string; decimals: boolean })
  | (SpecBase & { type: 'choice'; options: Choice<string>[] });

const SCHEMAS = {
  stall: stallFormSchema,
  loan: loanFormSchema,
  training: trainingFormSchema,
  subsidy: subsidyFormSchema,
} as const;

/** The fields a programme's application asks for. Short on purpose: two to four each. */
export function fieldsFor(program: Program, today: Date = new Date()): FieldSpec[] {
  switch (program.kind) {
    case 'stall':
      return [
        {
          name: 'businessCategory',
          label: '经营类别',
          type: 'choice',
          options: program.details.categories.map((c) => ({ value: c, label: STALL_CATEGORY_LABELS[c] })),
        },
        {
          name: 'businessPlan',
          label: '经营设想',
          type: 'textarea',
          placeholder: '打算卖什么、怎么经营，简单写几句',
          hint: '至少 10 个字',
          maxLength: 500,
        },
      ];
    case 'loan':
      return [
        { name: 'businessName', label: '经营项目名称', type: 'text', placeholder: '如：早餐店、服装摊', maxLength: 60 },
        {
          name: 'amountYuan',
          label: '贷款金额',
          type: 'number',
          unit: '元',
          decimals: true,
          placeholder: '如：20000',
          hint: `最多 ${yuanText(program.details.maxAmountFen)} 元`,
        },
        {
          name: 'termMonths',
          label: '贷款期限',
          type: 'number',
          unit: '个月',
          decimals: false,
          placeholder: '如：12',
          hint: `最长 ${program.details.maxTermMonths} 个月`,
        },
        {
          name: 'purpose',
          label: '贷款用途',
          type: 'textarea',
          placeholder: '如：进货、租店面、买设备',
          hint: '至少 5 个字',
          maxLength: 500,
        },
      ];
    case 'training':
      return [
        {
          name: 'education',
          label: '文化程度',
          type: 'choice',
          options: EDUCATION_LEVELS.map((level) => ({ value: level, label: EDUCATION_LABELS[level] })),
        },
        {
          name: 'experience',
          label: '工作经历',
          type: 'textarea',
          optional: true,
          placeholder: '以前做过什么工作，没有可不填',
          maxLength: 300,
        },
      ];
    case 'subsidy':
      return [
        { name: 'period', label: '申领季度', type: 'choice', options: recentQuarters(today) },
        {
          name: 'employment',
          label: '灵活就业情况',
          type: 'textarea',
          placeholder: '现在做什么工作，如：小区保洁、家政服务',
          maxLength: 200,
        },
      ];
  }
}

/** This quarter and the three before it, newest first, in China's calendar: "2026Q3". */
export function recentQuarters(today: Date, count = 4): Choice<string>[] {
  const china = chinaClock(today);
  let year = china.getUTCFullYear();
  let quarter = Math.floor(china.getUTCMonth() / 3) + 1;
  const choices: Choice<string>[] = [];
  for (let i = 0; i < count; i += 1) {
    choices.push({ value: `${year}Q${quarter}`, label: `${year}年第${quarter}季度${i === 0 ? '（本季度）' : ''}` });
    quarter -= 1;
    if (quarter === 0) {
      quarter = 4;
      year -= 1;
    }
  }
  return choices;
}

// An empty box is "not filled in", so the schema answers "请填写…" rather than "至少 N 个字".
function textOf(values: FormValues, name: string): string | undefined {
  const value = values[name];
  return value === undefined || value.trim() === '' ? undefined : value;
}

function numberOf(values: FormValues, name: string): number | undefined {
  const value = textOf(values, name);
  return value === undefined ? undefined : Number(value.trim());
}

/** Builds the form object the shared schema checks; the amount typed in yuan becomes fen. */
export function toForm(kind: ProgramKind, values: FormValues): Record<string, unknown> {
  const form: Record<string, unknown> = { kind };
  switch (kind) {
    case 'stall':
      form.businessCategory = textOf(values, 'businessCategory');
      form.businessPlan = textOf(values, 'businessPlan');
      break;
    case 'loan': {
      const amount = textOf(values, 'amountYuan');
      form.businessName = textOf(values, 'businessName');
      form.amountFen = amount === undefined ? undefined : (parseYuan(amount) ?? undefined);
      form.termMonths = numberOf(values, 'termMonths');
      form.purpose = textOf(values, 'purpose');
      break;
    }
    case 'training':
      form.education = textOf(values, 'education');
      form.experience = textOf(values, 'experience');
      break;
    case 'subsidy':
      form.period = textOf(values, 'period');
      form.employment = textOf(values, 'employment');
      form.previousApplicationId = textOf(values, 'previousApplicationId');
      break;
  }
  // A strict schema refuses keys it does not know, even when undefined; drop the empty ones.
  for (const key of Object.keys(form)) if (form[key] === undefined) delete form[key];
  return form;
}

/** The fields of a stored form as text again, for editing it (a resubmission). */
export function valuesOf(form: ApplicationForm): FormValues {
  switch (form.kind) {
    case 'stall':
      return { businessCategory: form.businessCategory, businessPlan: form.businessPlan };
    case 'loan':
      return {
        businessName: form.businessName,
        amountYuan: yuanText(form.amountFen).replace(/,/g, ''),
        termMonths: String(form.termMonths),
        purpose: form.purpose,
      };
    case 'training':
      return { education: form.education, experience: form.experience ?? '' };
    case 'subsidy':
      return { period: form.period, employment: form.employment, previousApplicationId: form.previousApplicationId ?? '' };
  }
}

// The schema speaks of amountFen; the resident typed yuan.
const FIELD_OF_FORM_KEY: Record<string, string> = { amountFen: 'amountYuan' };

/** The form field a key of the schema (or of the BFF's `form.<key>`) belongs to. */
export function fieldOfKey(key: string): string {
  const name = key.startsWith('form.') ? key.slice('form.'.length) : key;
  return FIELD_OF_FORM_KEY[name] ?? name;
}

export type FormCheck = { ok: true; form: ApplicationForm } | { ok: false; errors: FieldErrors };

/**
 * Checks the typed values with the programme kind's shared zod schema (the one
 * the BFF checks with) and the programme's own limits; errors are in Chinese,
 * one per field.
 */
export function validateForm(program: Program, values: FormValues): FormCheck {
  const errors: FieldErrors = {};
  if (program.kind === 'loan') {
    const amount = textOf(values, 'amountYuan');
    if (amount === undefined) errors.amountYuan = '请填写贷款金额';
    else if (parseYuan(amount) === null) errors.amountYuan = '金额请只填数字，如 20000';
  }

  const result = SCHEMAS[program.kind].safeParse(toForm(program.kind, values));
  if (!result.success) {
    for (const issue of result.error.issues) {
      const field = fieldOfKey(issue.path.map(String).join('.'));
      errors[field] ??= issue.message;
    }
  }
  if (result.success) {
    // The programme's terms, in the BFF's own words (shared formProblems).
    for (const [key, message] of Object.entries(formProblems(result.data, program))) errors[fieldOfKey(key)] ??= message;
  }
  if (!result.success || Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, form: result.data };
}

/** Each field with what was entered, in words, for the review step and the application page. */
export function describeValues(specs: readonly FieldSpec[], values: FormValues): { label: string; value: string }[] {
  return specs.map((spec) => {
    const raw = values[spec.name]?.trim() ?? '';
    if (raw === '') return { label: spec.label, value: '未填写' };
    if (spec.type === 'choice') return { label: spec.label, value: spec.options.find((o) => o.value === raw)?.label ?? raw };
    if (spec.type === 'number') {
      const fen = spec.decimals ? parseYuan(raw) : null;
      return { label: spec.label, value: `${fen === null ? raw : yuanText(fen)} ${spec.unit}` };
    }
    return { label: spec.label, value: raw };
  });
}
