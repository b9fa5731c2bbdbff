import { z } from 'zod';
import { CERTIFIED_CATEGORIES, certificateActionSchema, certificateStatusSchema, type CertificateAction } from '../machines/certificate';
import { stepReasonSchema } from '../validators/text';
import { materialSchema } from './application';
import { categorySchema, dateTimeSchema, objectIdSchema } from './common';
import type { CertificateNoticeKind } from './notifications';

/** The certificate's name as residents and staff read it. */
export const CERTIFICATE_TITLE = '《就业创业证》';

const certifiedCategorySchema = z.enum(CERTIFIED_CATEGORIES, { error: '请选择登记类别' });

/** POST /api/me/certificate (and an officer's for an assisted resident): the categories to verify and the evidence. */
export const certificateApplyRequestSchema = z
  .strictObject({
    categories: z
      .array(certifiedCategorySchema)
      .min(1, { error: '请选择登记类别' })
      .max(CERTIFIED_CATEGORIES.length)
      .refine((c) => new Set(c).size === c.length, { error: '登记类别重复' }),
    materialIds: z
      .array(objectIdSchema)
      .min(1, { error: '请上传证明材料' })
      .max(10, { error: '最多 10 份材料' })
      .refine((c) => new Set(c).size === c.length, { error: '材料重复' }),
  })
  .meta({ id: 'CertificateApplyRequest' });
export type CertificateApplyRequest = z.infer<typeof certificateApplyRequestSchema>;

/** POST /api/admin/certificates/:id/decisions: a step of the certificate's machine from the version the staff member saw. */
export const certificateDecisionRequestSchema = z
  .strictObject({
    action: certificateActionSchema,
    version: z.number().int().min(1),
    reason: stepReasonSchema().optional(),
  })
  .meta({ id: 'CertificateDecisionRequest' });
export type CertificateDecisionRequest = z.infer<typeof certificateDecisionRequestSchema>;

const certificateHistorySchema = z.object({
  at: dateTimeSchema,
  action: z.enum(['apply', 'claim', ...certificateActionSchema.options]),
  actorRole: z.string(),
  reason: z.string().nullable(),
});

/** The resident's view of their certificate. */
export const certificateSchema = z
  .object({
    id: objectIdSchema,
    status: certificateStatusSchema,
    statusLabel: z.string(),
    categories: z.array(categorySchema),
    /** JC-<year>-<6 digits>, issued on approval. */
    number: z.string().nullable(),
    issuedAt: dateTimeSchema.nullable(),
    /** The reason of the last refusal, suspension or cancellation. */
    reason: z.string().nullable(),
    submittedAt: dateTimeSchema,
    /** True for a number the resident once typed into the profile, waiting for the station's check. */
    legacyClaim: z.boolean(),
    history: z.array(certificateHistorySchema),
  })
  .meta({ id: 'Certificate' });
export type Certificate = z.infer<typeof certificateSchema>;

export const myCertificateResponseSchema = z.object({ certificate: certificateSchema.nullable() }).meta({ id: 'MyCertificate' });
export type MyCertificateResponse = z.infer<typeof myCertificateResponseSchema>;

/** Staff see who it is (masked), where, the evidence, the typed number of a legacy claim, and what they may do. */
export const staffCertificateSchema = certificateSchema
  .extend({
    version: z.number().int(),
    residentId: objectIdSchema,
    name: z.string(),
    idNumberMasked: z.string(),
    community: z.string(),
    materialIds: z.array(objectIdSchema),
    claimedNumber: z.string().nullable(),
    actions: z.array(certificateActionSchema),
  })
  .meta({ id: 'StaffCertificate' });
export type StaffCertificate = z.infer<typeof staffCertificateSchema>;

/** One certificate as its detail page shows it: the evidence's files too, each openable by the staff who may see it. */
export const staffCertificateDetailSchema = staffCertificateSchema
  .extend({ materials: z.array(materialSchema) })
  .meta({ id: 'StaffCertificateDetail' });
export type StaffCertificateDetail = z.infer<typeof staffCertificateDetailSchema>;

export const certificateQueueQuerySchema = z
  .strictObject({ status: z.enum(['pending', 'checked']).optional() })
  .meta({ id: 'CertificateQueueQuery' });

export const certificateQueueSchema = z.object({ items: z.array(staffCertificateSchema) }).meta({ id: 'CertificateQueue' });
export type CertificateQueue = z.infer<typeof certificateQueueSchema>;

/** The profile's summary of the verified record ("已核验" and the number), or of one on its way. */
export const profileCertificateSchema = z.object({
  status: certificateStatusSchema,
  statusLabel: z.string(),
  number: z.string().nullable(),
  issuedAt: dateTimeSchema.nullable(),
  categories: z.array(categorySchema),
});
export type ProfileCertificate = z.infer<typeof profileCertificateSchema>;

/** A resident's latest record as staff see it beside another page (an application, an assisted resident): its id opens it in 证件核验. */
export const certificateSummarySchema = profileCertificateSchema.extend({ id: objectIdSchema }).meta({ id: 'CertificateSummary' });
export type CertificateSummary = z.infer<typeof certificateSummarySchema>;

/** What the resident is told after a decision (its message kind and text); null for steps they do not hear about (the station's check). */
export function certificateNotice(
  action: CertificateAction,
  facts: { number: string | null; reason?: string | undefined },
): { kind: CertificateNoticeKind; title: string; body: string } | null {
  const why = facts.reason ? `原因：${facts.reason}。` : '';
  switch (action) {
    case 'approve':
      return {
        kind: 'certificate_issued',
        title: '就业创业证已核发',
        body: `您的${CERTIFICATE_TITLE}已核验通过，证号 ${facts.number ?? ''}。`,
      };
    case 'reject':
      return {
        kind: 'certificate_rejected',
        title: '就业创业证未通过',
        body: `您的${CERTIFICATE_TITLE}申请未通过审核。${why}如有疑问请联系所在社区劳动保障站。`,
      };
    case 'suspend':
      return {
        kind: 'certificate_suspended',
        title: '就业创业证已暂停',
        body: `您的${CERTIFICATE_TITLE}（${facts.number ?? ''}）已暂停使用，暂不能申请需要该证的服务。${why}`,
      };
    case 'reinstate':
      return {
        kind: 'certificate_reinstated',
        title: '就业创业证已恢复',
        body: `您的${CERTIFICATE_TITLE}（${facts.number ?? ''}）已恢复使用。`,
      };
    case 'cancel':
      return {
        kind: 'certificate_cancelled',
        title: '就业创业证已注销',
        body: `您的${CERTIFICATE_TITLE}（${facts.number ?? ''}）已注销。${why}`,
      };
    case 'check':
      return null;
  }
}
