import { z } from 'zod';
import { textSchema } from '../validators/text';

export const COMMUNITY_TYPES = ['village', 'urban'] as const;
const communityTypeSchema = z.enum(COMMUNITY_TYPES);

/** A short, stable, URL-safe code naming a community (used in links and codes). */
export const communityCodeSchema = z
  .string({ error: '请选择社区' })
  .regex(/^[a-z0-9]{2,12}$/, { error: '社区编码应为 2-12 位小写字母或数字' });

export const communitySchema = z
  .object({
    code: communityCodeSchema,
    name: z.string(),
    street: z.string(),
    type: communityTypeSchema,
  })
  .meta({ id: 'Community' });
export type Community = z.infer<typeof communitySchema>;

export const communityDirectorySchema = z
  .object({
    streets: z.array(z.object({ name: z.string(), communities: z.array(communitySchema) })),
  })
  .meta({ id: 'CommunityDirectory' });
export type CommunityDirectory = z.infer<typeof communityDirectorySchema>;

const communityName = textSchema({ error: '请填写社区名称' })
  .trim()
  .min(1, { error: '请填写社区名称' })
  .max(40, { error: '社区名称最多 40 个字' });
const streetName = textSchema({ error: '请填写所属街道' })
  .trim()
  .min(1, { error: '请填写所属街道' })
  .max(40, { error: '街道名称最多 40 个字' });

/** A community as staff maintain it: the code is fixed once created, the rest may change. */
export const communityAdminSchema = z
  .object({
    id: z.string(),
    code: communityCodeSchema,
    name: z.string(),
    street: z.string(),
    type: communityTypeSchema,
    active: z.boolean(),
  })
  .meta({ id: 'CommunityAdmin' });
export type CommunityAdmin = z.infer<typeof communityAdminSchema>;

export const communityListResponseSchema = z.object({ items: z.array(communityAdminSchema) }).meta({ id: 'CommunityList' });

export const createCommunityRequestSchema = z
  .strictObject({
    code: communityCodeSchema,
    name: communityName,
    street: streetName,
    type: communityTypeSchema,
    active: z.boolean().default(true),
  })
  .meta({ id: 'CreateCommunityRequest' });
export type CreateCommunityRequest = z.input<typeof createCommunityRequestSchema>;

/** The code is left out on purpose: links and printed codes name communities by it. */
export const updateCommunityRequestSchema = z
  .strictObject({
    name: communityName.optional(),
    street: streetName.optional(),
    type: communityTypeSchema.optional(),
    active: z.boolean().optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { error: '没有要修改的内容' })
  .meta({ minProperties: 1 })
  .meta({ id: 'UpdateCommunityRequest' });
export type UpdateCommunityRequest = z.infer<typeof updateCommunityRequestSchema>;
