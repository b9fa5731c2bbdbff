import { z } from 'zod';
import { textSchema } from '../validators/text';
import { categorySchema, dateSchema, dateTimeSchema, fenSchema, householdTypeSchema, objectIdSchema, programKindSchema } from './common';
import { labelledEnum } from './labelled-enum';

/** The longest class the date rule claims day by day (shared cross-rules.ts). */
export const MAX_CLASS_DAYS = 366;

/** Who may apply, as data: every rule given must hold. */
export const eligibilityRulesSchema = z
  .strictObject({
    /** The resident must be in at least one of these categories. */
    categoriesAny: z.array(categorySchema).optional(),
    /** The resident must hold an active, verified 就业创业证 (the certificates module), never a typed number. */
    requiresCertificate: z.boolean().optional(),
    householdTypes: z.array(householdTypeSchema).optional(),
    minAge: z.number().int().min(0).max(120).optional(),
    maxAge: z.number().int().min(0).max(120).optional(),
  })
  .meta({ id: 'EligibilityRules' });
export type EligibilityRules = z.infer<typeof eligibilityRulesSchema>;

export const materialRequirementSchema = z
  .strictObject({
    code: z.string().regex(/^[a-z][a-z_]{1,39}$/),
    label: textSchema().min(1).max(60),
    required: z.boolean(),
  })
  .meta({ id: 'MaterialRequirement' });
export type MaterialRequirement = z.infer<typeof materialRequirementSchema>;

export const { schema: stallCategorySchema, labels: STALL_CATEGORY_LABELS } = labelledEnum(
  { general_goods: '百货', clothing: '服装', daily_services: '生活服务' },
  '请选择经营类别',
);
export type StallCategory = z.infer<typeof stallCategorySchema>;

export const { schema: trainingCategorySchema, labels: TRAINING_CATEGORY_LABELS } = labelledEnum({
  reemployment: '再就业培训',
  rural_transfer: '农村劳动力转移培训',
  entrepreneurship: '创业指导培训班',
  order_based: '定单式培训',
});
export type TrainingCategory = z.infer<typeof trainingCategorySchema>;

export const stallDetailsSchema = z.strictObject({
  park: textSchema().min(1).max(60),
  address: textSchema().max(120),
  areaM2: z.number().int().positive().optional(),
  categories: z.array(stallCategorySchema).min(1),
  monthlyRentFen: fenSchema.optional(),
});
export const loanDetailsSchema = z.strictObject({
  maxAmountFen: fenSchema,
  maxTermMonths: z.number().int().min(1).max(120),
  lender: textSchema().max(60).optional(),
});
export const trainingDetailsSchema = z
  .strictObject({
    category: trainingCategorySchema,
    trade: textSchema().min(1).max(40),
    /** The occupational skill level trained for (初级, 五级…): a subsidy is had once per occupation and level. */
    level: textSchema().trim().max(20).optional(),
    school: textSchema().max(60),
    startsOn: dateSchema,
    /** The last day of classes: two live seats may not share a day (shared cross-rules.ts). */
    endsOn: dateSchema.optional(),
    hours: z.number().int().positive().optional(),
    subsidyPerTraineeFen: fenSchema,
  })
  .superRefine((d, ctx) => {
    if (d.endsOn === undefined) return;
    const days = (Date.parse(d.endsOn) - Date.parse(d.startsOn)) / 86_400_000 + 1;
    if (days < 1) ctx.addIssue({ code: 'custom', path: ['endsOn'], message: '结束日期不能早于开班日期' });
    else if (days > MAX_CLASS_DAYS) ctx.addIssue({ code: 'custom', path: ['endsOn'], message: `培训班最长 ${MAX_CLASS_DAYS} 天` });
  });
export const subsidyDetailsSchema = z.strictObject({
  period: z.literal('quarter'),
  amountPerPeriodFen: fenSchema,
});

/** A programme's terms, by kind: typed once here, read by the BFF's steps and the mini-program's forms. */
export interface ProgramTermsOf {
  stall: z.infer<typeof stallDetailsSchema>;
  loan: z.infer<typeof loanDetailsSchema>;
  training: z.infer<typeof trainingDetailsSchema>;
  subsidy: z.infer<typeof subsidyDetailsSchema>;
}
/** A programme's kind with its terms, as both the API's `Program` and the BFF's stored programme carry them. */
export type KindWithTerms = { [K in keyof ProgramTermsOf]: { kind: K; details: ProgramTermsOf[K] } }[keyof ProgramTermsOf];

const programCommon = {
  id: objectIdSchema,
  code: z.string(),
  title: z.string(),
  summary: z.string(),
  benefits: z.array(z.string()),
  eligibility: eligibilityRulesSchema,
  /** The eligibility rules in plain words. */
  eligibilityText: z.array(z.string()),
  /** Rules across programmes that bind this one (shared cross-rules.ts), in plain words. */
  crossRules: z.array(z.object({ code: z.string(), text: z.string() })),
  materials: z.array(materialRequirementSchema),
  opensAt: dateTimeSchema,
  closesAt: dateTimeSchema.nullable(),
  status: z.enum(['open', 'closed']),
  /** Open now: status open and inside the window. */
  acceptingNow: z.boolean(),
  /** Places in total and left (stalls or seats); null where the kind has none. */
  capacity: z.object({ total: z.number().int(), remaining: z.number().int() }).nullable(),
};

export const programSchema = z
  .discriminatedUnion('kind', [
    z.object({ ...programCommon, kind: z.literal('stall'), details: stallDetailsSchema }),
    z.object({ ...programCommon, kind: z.literal('loan'), details: loanDetailsSchema }),
    z.object({ ...programCommon, kind: z.literal('training'), details: trainingDetailsSchema }),
    z.object({ ...programCommon, kind: z.literal('subsidy'), details: subsidyDetailsSchema }),
  ])
  .meta({ id: 'Program' });
export type Program = z.infer<typeof programSchema>;

export const programListQuerySchema = z.strictObject({
  kind: programKindSchema.optional(),
});

export const programListResponseSchema = z.object({ items: z.array(programSchema) }).meta({ id: 'ProgramList' });
export type ProgramListResponse = z.infer<typeof programListResponseSchema>;
