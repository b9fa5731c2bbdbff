import { z } from 'zod';
import { keysetCursor } from '../cursor';
import { dateSchema, dateTimeSchema, objectIdSchema } from './common';
import { labelledEnum } from './labelled-enum';
import { staffRoleSchema } from './staff';

/**
 * What the audit log records (bff modules/audit): who saw a resident's
 * personal data (an ID number, a file), exported applications, changed the
 * catalog, decided on a 就业创业证, registered a resident or changed a staff
 * account. One list for the BFF's model and the administrators' screen.
 */
export const {
  values: AUDIT_ACTIONS,
  schema: auditActionSchema,
  labels: AUDIT_ACTION_LABELS,
} = labelledEnum(
  {
    reveal_id: '查看身份证号',
    reveal_mobile: '查看手机号',
    material_open: '查看居民材料',
    export: '导出申请',
    program_create: '新建项目',
    program_update: '修改项目',
    certificate_check: '就业创业证社区核查',
    certificate_approve: '就业创业证批准发证',
    certificate_reject: '就业创业证不予通过',
    certificate_suspend: '就业创业证暂停使用',
    certificate_reinstate: '就业创业证恢复使用',
    certificate_cancel: '就业创业证注销',
    assisted_register: '登记帮办居民',
    consent_upload: '上传居民授权书',
    staff_create: '新建工作人员账号',
    staff_update: '修改工作人员账号',
  },
  '操作类型不正确',
);
export type AuditAction = z.infer<typeof auditActionSchema>;

/** The log's `next`/`after` token: the last entry's time and id, newest first (the API's one cursor convention, cursor.ts). */
export const auditCursor = keysetCursor(['newest'], /[0-9a-f]{24}/);

/** A page of the log is at most this many entries. */
export const AUDIT_PAGE_MAX = 100;

/** GET /api/admin/audit: who, what and when (China calendar days, both included), newest first. */
export const auditQuerySchema = z
  .strictObject({
    /** The staff member who acted. */
    staffId: objectIdSchema.optional(),
    action: auditActionSchema.optional(),
    from: dateSchema.optional(),
    to: dateSchema.optional(),
    after: auditCursor.schema.meta({ description: 'The `next` token of the previous page (opaque); the page starts after it.' }).optional(),
    pageSize: z.coerce.number({ error: '每页条数不正确' }).int().min(1).max(AUDIT_PAGE_MAX).default(50),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { path: ['to'], message: '结束日期不能早于开始日期' })
  .meta({ id: 'AuditQuery' });
export type AuditQuery = z.input<typeof auditQuerySchema>;

export const auditEntrySchema = z
  .object({
    id: objectIdSchema,
    at: dateTimeSchema,
    staffId: objectIdSchema,
    staffName: z.string(),
    role: staffRoleSchema,
    action: auditActionSchema,
    /** AUDIT_ACTION_LABELS of `action`. */
    actionLabel: z.string(),
    /** Why, as the staff member gave it, or what was done; never an ID or mobile number. */
    reason: z.string(),
    /** What the entry concerns, when it concerns a record. */
    applicationId: objectIdSchema.optional(),
    programId: objectIdSchema.optional(),
    certificateId: objectIdSchema.optional(),
    residentId: objectIdSchema.optional(),
    materialId: objectIdSchema.optional(),
    /** The staff account created or changed (staff_create, staff_update). */
    accountId: objectIdSchema.optional(),
    /** An export's filters, its search text left out. */
    filters: z.record(z.string(), z.unknown()).optional(),
  })
  .meta({ id: 'AuditEntry' });
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const auditPageSchema = z
  .object({
    items: z.array(auditEntrySchema),
    /** Send as `after` for the following page; null on the last page. */
    next: z.string().nullable().meta({ description: 'Send as `after` for the following page; null on the last page.' }),
  })
  .meta({ id: 'AuditPage' });
export type AuditPage = z.infer<typeof auditPageSchema>;
