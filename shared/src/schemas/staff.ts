import { z } from 'zod';
import { textSchema } from '../validators/text';
import { communityCodeSchema } from './communities';
import { labelledEnum } from './labelled-enum';

export const {
  values: STAFF_ROLES,
  schema: staffRoleSchema,
  labels: STAFF_ROLE_LABELS,
} = labelledEnum({ admin: '管理员', reviewer: '审核员', officer: '劳动保障协理员' }, '角色不正确');
export type StaffRole = z.infer<typeof staffRoleSchema>;

const usernameSchema = textSchema({ error: '请填写用户名' })
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9_.-]{3,32}$/, { error: '用户名应为 3-32 位字母、数字、下划线、点或连字符' });

const passwordSchema = z.string({ error: '请填写密码' }).min(8, { error: '密码至少 8 位' }).max(128, { error: '密码最多 128 位' });

export const staffLoginRequestSchema = z
  .strictObject({ username: usernameSchema, password: z.string({ error: '请填写密码' }).min(1, { error: '请填写密码' }).max(128) })
  .meta({ id: 'StaffLoginRequest' });
export type StaffLoginRequest = z.infer<typeof staffLoginRequestSchema>;

export const staffSchema = z
  .object({
    id: z.string(),
    username: z.string(),
    name: z.string(),
    role: staffRoleSchema,
    communities: z.array(z.string()),
    disabled: z.boolean(),
    createdAt: z.string(),
  })
  .meta({ id: 'Staff' });
export type Staff = z.infer<typeof staffSchema>;

export const staffLoginResponseSchema = z
  .object({ token: z.string(), expiresAt: z.string(), staff: staffSchema })
  .meta({ id: 'StaffLoginResponse' });

const staffName = textSchema({ error: '请填写姓名' }).trim().min(1, { error: '请填写姓名' }).max(30, { error: '姓名最多 30 个字' });

export const createStaffRequestSchema = z
  .strictObject({
    username: usernameSchema,
    name: staffName,
    password: passwordSchema,
    role: staffRoleSchema,
    communities: z.array(communityCodeSchema).max(50).default([]),
  })
  .meta({ id: 'CreateStaffRequest' });
export type CreateStaffRequest = z.input<typeof createStaffRequestSchema>;

export const updateStaffRequestSchema = z
  .strictObject({
    name: staffName.optional(),
    password: passwordSchema.optional(),
    role: staffRoleSchema.optional(),
    communities: z.array(communityCodeSchema).max(50).optional(),
    disabled: z.boolean().optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { error: '没有要修改的内容' })
  .meta({ minProperties: 1 })
  .meta({ id: 'UpdateStaffRequest' });
export type UpdateStaffRequest = z.input<typeof updateStaffRequestSchema>;
