import mongoose, { Schema, type InferSchemaType, type Types } from 'mongoose';

/** Reveals of an ID number, exports, changes to the catalog residents apply from, and each decision on a 就业创业证. */
export const AUDIT_ACTIONS = [
  'reveal_id',
  'export',
  'program_create',
  'program_update',
  'certificate_check',
  'certificate_approve',
  'certificate_reject',
  'certificate_suspend',
  'certificate_reinstate',
  'certificate_cancel',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** Who saw or did what sensitive thing, when and why. Append-only. */
const auditSchema = new Schema(
  {
    at: { type: Date, required: true },
    staffId: { type: Schema.Types.ObjectId, required: true },
    staffName: { type: String, required: true },
    role: { type: String, required: true },
    action: { type: String, enum: AUDIT_ACTIONS, required: true },
    /** The application whose ID number was revealed (reveal_id). */
    applicationId: { type: Schema.Types.ObjectId },
    /** The programme created or changed (program_create, program_update). */
    programId: { type: Schema.Types.ObjectId },
    /** The certificate decided (certificate_*). */
    certificateId: { type: Schema.Types.ObjectId },
    reason: { type: String, required: true },
    /** The filters of an export, with any search text left out (it may be an ID number). */
    filters: { type: Schema.Types.Mixed },
  },
  { versionKey: false },
);
auditSchema.index({ applicationId: 1, at: -1 });
auditSchema.index({ programId: 1, at: -1 });
auditSchema.index({ certificateId: 1, at: -1 });
auditSchema.index({ staffId: 1, at: -1 });
auditSchema.index({ at: -1 });

export type AuditDoc = InferSchemaType<typeof auditSchema> & { _id: Types.ObjectId };
export const AuditModel = mongoose.model('Audit', auditSchema);
