import { z } from 'zod';
import { textSchema } from '../validators/text';
import { dateTimeSchema, programKindSchema, type ProgramKind } from './common';
import {
  eligibilityRulesSchema,
  loanDetailsSchema,
  materialRequirementSchema,
  stallDetailsSchema,
  subsidyDetailsSchema,
  trainingDetailsSchema,
} from './program';

/** The details schema of each kind: what a park, a loan scheme, a class or a subsidy scheme records. */
export const PROGRAM_DETAILS_SCHEMAS = {
  stall: stallDetailsSchema,
  loan: loanDetailsSchema,
  training: trainingDetailsSchema,
  subsidy: subsidyDetailsSchema,
} as const satisfies Record<ProgramKind, z.ZodType>;

/** Most stalls or seats one programme may have. */
const MAX_PLACES = 1000;

const programCodeSchema = z
  .string({ error: '请填写项目编号' })
  .regex(/^[a-z0-9-]{3,40}$/, { error: '项目编号应为 3-40 位小写字母、数字或连字符' });

const placesSchema = z
  .number({ error: '请填写名额数量' })
  .int({ error: '名额数量应为整数' })
  .min(1, { error: '名额至少 1 个' })
  .max(MAX_PLACES, { error: `名额最多 ${MAX_PLACES} 个` });

const stallPrefixSchema = z
  .string({ error: '请填写摊位编号前缀' })
  .regex(/^[A-Z0-9]{1,8}$/, { error: '摊位编号前缀应为 1-8 位大写字母或数字' });

const stallLabelSchema = textSchema({ error: '请填写摊位编号' })
  .trim()
  .regex(/^[A-Za-z0-9\u4e00-\u9fff-]{1,20}$/, { error: '摊位编号应为 1-20 位字母、数字、汉字或连字符' });

const stallLabelsSchema = z
  .array(stallLabelSchema)
  .min(1, { error: '至少 1 个摊位' })
  .max(MAX_PLACES, { error: `摊位最多 ${MAX_PLACES} 个` })
  .superRefine((labels, ctx) => {
    const seen = new Set<string>();
    labels.forEach((label, i) => {
      if (seen.has(label)) ctx.addIssue({ code: 'custom', path: [i], message: `摊位编号 ${label} 重复` });
      seen.add(label);
    });
  })
  .meta({ uniqueItems: true });

/** The generated label of the n-th stall (1-based): CJ-001. */
export function stallLabel(prefix: string, n: number): string {
  return `${prefix}-${String(n).padStart(3, '0')}`;
}

/** The generated label of the n-th seat (1-based): 1号. */
export function seatLabel(n: number): string {
  return `${n}号`;
}

const capacityShape = {
  /** How many places; labels are generated (stalls `<prefix>-001`…, seats `1号`…). */
  places: placesSchema.optional(),
  /** Stalls only: the prefix of generated labels. */
  prefix: stallPrefixSchema.optional(),
  /** Stalls only: the stall labels themselves. */
  labels: stallLabelsSchema.optional(),
};
type CapacityShape = { places?: number; prefix?: string; labels?: string[] };

function placesOrLabels(v: CapacityShape, ctx: z.RefinementCtx): void {
  if ((v.places === undefined) === (v.labels === undefined)) {
    ctx.addIssue({ code: 'custom', path: ['places'], message: '请填写名额数量或摊位编号清单（二选一）' });
  }
  if (v.labels !== undefined && v.prefix !== undefined) {
    ctx.addIssue({ code: 'custom', path: ['prefix'], message: '给出摊位编号清单时不需要前缀' });
  }
}

/** A new park's stalls: a number with a label prefix, or the labels themselves. */
const stallCapacitySchema = z.strictObject(capacityShape).superRefine((v, ctx) => {
  placesOrLabels(v, ctx);
  if (v.places !== undefined && v.prefix === undefined) {
    ctx.addIssue({ code: 'custom', path: ['prefix'], message: '请填写摊位编号前缀' });
  }
});

/** A new class's seats: a number; seats are labelled 1号, 2号… */
const seatCapacitySchema = z.strictObject({ places: placesSchema });

/**
 * A change of places: `places` is the new total (a stall prefix is taken from
 * the existing labels unless given); `labels` (stalls) is the full list
 * afterwards. Only free places can be removed.
 */
const capacityChangeSchema = z.strictObject(capacityShape).superRefine(placesOrLabels);
export type CapacityChange = z.infer<typeof capacityChangeSchema>;

const title = textSchema({ error: '请填写项目名称' }).trim().min(1, { error: '请填写项目名称' }).max(60, { error: '项目名称最多 60 个字' });
const summary = textSchema({ error: '请填写项目简介' })
  .trim()
  .min(1, { error: '请填写项目简介' })
  .max(500, { error: '项目简介最多 500 个字' });
const benefits = z
  .array(textSchema().trim().min(1, { error: '扶持内容不能为空' }).max(60, { error: '每项扶持内容最多 60 个字' }))
  .max(20, { error: '扶持内容最多 20 项' });
const eligibility = eligibilityRulesSchema.refine((r) => r.minAge === undefined || r.maxAge === undefined || r.minAge <= r.maxAge, {
  error: '最低年龄不能大于最高年龄',
  path: ['maxAge'],
});
const materials = z
  .array(materialRequirementSchema)
  .max(20, { error: '材料最多 20 项' })
  .refine((list) => new Set(list.map((m) => m.code)).size === list.length, { error: '材料代码不能重复' });

const windowError = { code: 'custom' as const, path: ['closesAt'], message: '截止时间应晚于开始时间' };

/** True when the window closes after it opens (an open-ended window always does). */
export function windowIsValid(opensAt: string | Date, closesAt: string | Date | null | undefined): boolean {
  return closesAt === null || closesAt === undefined || new Date(closesAt).getTime() > new Date(opensAt).getTime();
}

const createCommon = {
  code: programCodeSchema,
  title,
  summary,
  benefits: benefits.default([]),
  eligibility: eligibility.default({}),
  materials: materials.default([]),
  opensAt: dateTimeSchema,
  closesAt: dateTimeSchema.nullable().default(null),
};

/**
 * A new programme of any kind. Parks and classes come with their places;
 * `details` is checked against the kind's schema.
 */
export const createProgramRequestSchema = z
  .discriminatedUnion(
    'kind',
    [
      z.strictObject({ ...createCommon, kind: z.literal('stall'), details: stallDetailsSchema, capacity: stallCapacitySchema }),
      z.strictObject({ ...createCommon, kind: z.literal('loan'), details: loanDetailsSchema }),
      z.strictObject({ ...createCommon, kind: z.literal('training'), details: trainingDetailsSchema, capacity: seatCapacitySchema }),
      z.strictObject({ ...createCommon, kind: z.literal('subsidy'), details: subsidyDetailsSchema }),
    ],
    { error: '服务类型不正确' },
  )
  .superRefine((v, ctx) => {
    if (!windowIsValid(v.opensAt, v.closesAt)) ctx.addIssue(windowError);
  })
  .meta({ id: 'CreateProgramRequest' });
export type CreateProgramRequest = z.input<typeof createProgramRequestSchema>;
export type CreateProgramInput = z.output<typeof createProgramRequestSchema>;

/**
 * Changes to a programme. The kind never changes; `details` is checked against
 * the programme's kind. There is no deleting: a programme with applications is
 * closed (`status: 'closed'`) — residents can no longer apply, and existing
 * applications go on to their end.
 */
export const updateProgramRequestSchema = z
  .strictObject({
    title: title.optional(),
    summary: summary.optional(),
    benefits: benefits.optional(),
    eligibility: eligibility.optional(),
    materials: materials.optional(),
    details: z.record(z.string(), z.unknown(), { error: '项目详情格式不正确' }).optional(),
    opensAt: dateTimeSchema.optional(),
    closesAt: dateTimeSchema.nullable().optional(),
    status: z.enum(['open', 'closed'], { error: '状态应为 open 或 closed' }).optional(),
    capacity: capacityChangeSchema.optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { error: '没有要修改的内容' })
  .meta({ minProperties: 1 })
  .superRefine((v, ctx) => {
    if (v.opensAt !== undefined && v.closesAt !== undefined && !windowIsValid(v.opensAt, v.closesAt)) ctx.addIssue(windowError);
  })
  .meta({ id: 'UpdateProgramRequest' });
export type UpdateProgramRequest = z.input<typeof updateProgramRequestSchema>;
export type UpdateProgramInput = z.output<typeof updateProgramRequestSchema>;

/** Staff's catalog: every programme, closed ones too. */
export const adminProgramListQuerySchema = z.strictObject({
  kind: programKindSchema.optional(),
  status: z.enum(['open', 'closed'], { error: '状态应为 open 或 closed' }).optional(),
});
