import { z } from 'zod';
import { labelledEnum } from './labelled-enum';

/** A MongoDB ObjectId as 24 lower-case hex characters. */
export const objectIdSchema = z
  .string()
  .regex(/^[a-f0-9]{24}$/, { error: '编号格式不正确' })
  .meta({ description: 'Object id (24 hex characters)' });

export const {
  values: PROGRAM_KINDS,
  schema: programKindSchema,
  labels: PROGRAM_KIND_LABELS,
} = labelledEnum({ stall: '创业园摊位', loan: '创业担保贷款', training: '职业培训名额', subsidy: '就业补贴' }, '服务类型不正确');
export type ProgramKind = z.infer<typeof programKindSchema>;

/** Who a resident is, in the bureau's categories (DOMAIN.md, "Who uses it"). */
export const {
  values: CATEGORIES,
  schema: categorySchema,
  labels: CATEGORY_LABELS,
} = labelledEnum(
  {
    laid_off: '国企下岗职工',
    landless_farmer: '被征地农民',
    rural_migrant: '农村转移劳动力',
    hard_to_employ: '就业困难人员',
    registered_unemployed: '登记失业人员',
    migrant_worker: '外来务工人员',
    affordable_housing: '经适房居民',
  },
  '人员类别不正确',
);
export type Category = z.infer<typeof categorySchema>;

export const {
  values: HOUSEHOLD_TYPES,
  schema: householdTypeSchema,
  labels: HOUSEHOLD_TYPE_LABELS,
} = labelledEnum({ urban: '城镇户籍', rural: '农村户籍' }, '请选择户籍类型');
export type HouseholdType = z.infer<typeof householdTypeSchema>;

/** Money in fen (分): a non-negative safe integer. */
export const fenSchema = z
  .number({ error: '金额必须是数字' })
  .int({ error: '金额必须以分为单位的整数' })
  .nonnegative({ error: '金额不能为负' })
  .max(Number.MAX_SAFE_INTEGER)
  .meta({ description: 'Amount in fen (1/100 yuan)' });

/** A date as YYYY-MM-DD. */
export const dateSchema = z.iso.date({ error: '日期格式应为 YYYY-MM-DD' });
/** A date-time in ISO 8601 with offset. */
export const dateTimeSchema = z.iso.datetime({ offset: true, error: '时间格式不正确' });

/** The idempotency key header: a client-made unique string per submission. */
export const idempotencyKeySchema = z
  .string({ error: '缺少请求编号' })
  .regex(/^[A-Za-z0-9_-]{8,64}$/, { error: '请求编号应为 8-64 位字母、数字、下划线或连字符' });

export const errorBodySchema = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      fields: z.record(z.string(), z.string()).optional(),
      requestId: z.string().optional(),
      details: z.record(z.string(), z.unknown()).optional(),
    }),
  })
  .meta({ id: 'Error' });
