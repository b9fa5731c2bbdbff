import { z } from 'zod';
import { textSchema } from '../validators/text';
import { actionSchema, applicationStatusSchema } from '../machines/types';
import { agreementSchema, declarationFields } from '../privacy';
import { dateTimeSchema, fenSchema, objectIdSchema, programKindSchema } from './common';
import { labelledEnum } from './labelled-enum';
import { stallCategorySchema } from './program';

const text = (min: number, max: number, what: string) =>
  textSchema({ error: `请填写${what}` })
    .trim()
    .min(min, { error: min <= 1 ? `请填写${what}` : `${what}至少 ${min} 个字` })
    .max(max, { error: `${what}最多 ${max} 个字` });

export const stallFormSchema = z.strictObject({
  kind: z.literal('stall'),
  businessCategory: stallCategorySchema,
  businessPlan: text(10, 500, '经营设想'),
});

export const loanFormSchema = z.strictObject({
  kind: z.literal('loan'),
  businessName: text(2, 60, '经营项目名称'),
  amountFen: fenSchema.min(100000, { error: '贷款金额至少 1,000 元' }),
  termMonths: z.number({ error: '请填写贷款期限' }).int({ error: '贷款期限应为整月' }).min(1, { error: '贷款期限至少 1 个月' }).max(120),
  purpose: text(5, 500, '贷款用途'),
  employees: z.number().int().min(0).max(10000).optional(),
});

const education = labelledEnum(
  { primary: '小学', junior: '初中', senior: '高中', vocational: '中专/技校', college: '大专及以上' },
  '请选择文化程度',
);
export const { values: EDUCATION_LEVELS, labels: EDUCATION_LABELS } = education;

export const trainingFormSchema = z.strictObject({
  kind: z.literal('training'),
  education: education.schema,
  experience: textSchema().trim().max(300, { error: '工作经历最多 300 个字' }).optional(),
});

/** A calendar quarter such as 2026Q3. */
export const quarterSchema = z.string({ error: '请选择申领季度' }).regex(/^20\d{2}Q[1-4]$/, { error: '季度格式应为 2026Q3' });

export const subsidyFormSchema = z.strictObject({
  kind: z.literal('subsidy'),
  period: quarterSchema,
  employment: text(2, 200, '灵活就业情况'),
  /** The earlier quarter's claim this one continues. */
  previousApplicationId: objectIdSchema.optional(),
});

export const applicationFormSchema = z
  .discriminatedUnion('kind', [stallFormSchema, loanFormSchema, trainingFormSchema, subsidyFormSchema], {
    error: '申请表类型不正确',
  })
  .meta({ id: 'ApplicationForm' });
export type ApplicationForm = z.infer<typeof applicationFormSchema>;

export const createApplicationRequestSchema = z
  .strictObject({
    programId: objectIdSchema,
    form: applicationFormSchema,
    materialIds: z.array(objectIdSchema).max(20, { error: '材料最多 20 份' }).default([]),
    ...declarationFields,
  })
  .meta({ id: 'CreateApplicationRequest' });
export type CreateApplicationRequest = z.input<typeof createApplicationRequestSchema>;

export const resubmitApplicationRequestSchema = z
  .strictObject({
    version: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
    form: applicationFormSchema,
    materialIds: z.array(objectIdSchema).max(20).default([]),
    ...declarationFields,
  })
  .meta({ id: 'ResubmitApplicationRequest' });
export type ResubmitApplicationRequest = z.input<typeof resubmitApplicationRequestSchema>;

export const withdrawApplicationRequestSchema = z
  .strictObject({
    version: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
    reason: textSchema().trim().max(200).optional(),
  })
  .meta({ id: 'WithdrawApplicationRequest' });

const historyEntrySchema = z
  .object({
    at: dateTimeSchema,
    action: z.union([actionSchema, z.literal('submit')]),
    from: applicationStatusSchema.nullable(),
    to: applicationStatusSchema,
    actorRole: z.enum(['resident', 'officer', 'reviewer', 'admin', 'system']),
    /** Shown to staff only. */
    actorName: z.string().optional(),
    reason: z.string().optional(),
  })
  .meta({ id: 'HistoryEntry' });
export type HistoryEntry = z.infer<typeof historyEntrySchema>;

export const materialSchema = z
  .object({
    id: objectIdSchema,
    filename: z.string(),
    contentType: z.string(),
    size: z.number().int(),
    purpose: z.string(),
    uploadedAt: dateTimeSchema,
  })
  .meta({ id: 'Material' });
export type Material = z.infer<typeof materialSchema>;

/** Who submitted the application on the resident's behalf (帮办), shown to the resident and to staff. */
export const assistedByViewSchema = z
  .object({ staffName: z.string(), community: z.string(), communityName: z.string(), at: dateTimeSchema })
  .meta({ id: 'AssistedBy' });

/** What names an application and its state, in every list and view of it. */
export const applicationIdentityShape = {
  id: objectIdSchema,
  number: z.string(),
  kind: programKindSchema,
  programId: objectIdSchema,
  programTitle: z.string(),
  status: applicationStatusSchema,
  version: z.number().int(),
};

/** The fields residents and staff both see of an application. */
export const applicationCoreShape = {
  ...applicationIdentityShape,
  form: applicationFormSchema,
  materials: z.array(materialSchema),
  submittedAt: dateTimeSchema,
  updatedAt: dateTimeSchema,
  history: z.array(historyEntrySchema),
  /** The stall or seat held, once assigned. */
  assignment: z.object({ label: z.string() }).nullable(),
  /** Position on the wait-list (1 = next), while wait-listed. */
  waitlistPosition: z.number().int().nullable(),
  /** Set when a station officer submitted it for the resident. */
  assistedBy: assistedByViewSchema.nullable(),
  /** The applicant's declaration (本人承诺) confirmed with the last submission; none on applications from before it. */
  declaration: agreementSchema.nullable(),
};

export const applicationSchema = z.object(applicationCoreShape).meta({ id: 'Application' });
export type Application = z.infer<typeof applicationSchema>;

export const applicationListResponseSchema = z.object({ items: z.array(applicationSchema) }).meta({ id: 'ApplicationList' });

export const materialPurposeSchema = z
  .string({ error: '请说明材料用途' })
  // Starts with a letter: a purpose becomes an object key on the client, and "__proto__" must never be one.
  .regex(/^[a-z][a-z_]{1,39}$/, { error: '材料用途不正确' });
