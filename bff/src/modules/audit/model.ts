import mongoose, { Schema, type InferSchemaType, type Types } from 'mongoose';
import { AUDIT_ACTIONS } from '@minsheng/shared';

/** Who saw or did what sensitive thing, when and why. Append-only. */
const auditSchema = new Schema(
  {
    at: { type: Date, required: true },
    staffId: { type: Schema.Types.ObjectId, required: true },
    staffName: { type: String, required: true },
    role: { type: String, required: true },
    action: { type: String, enum: AUDIT_ACTIONS, required: true },
    /** The application whose ID number was revealed (reveal_id), or whose file was opened (material_open). */
    applicationId: { type: Schema.Types.ObjectId },
    /** The programme created or changed (program_create, program_update). */
    programId: { type: Schema.Types.ObjectId },
    /** The certificate decided (certificate_*), or whose evidence was opened (material_open). */
    certificateId: { type: Schema.Types.ObjectId },
    /** The resident registered, or whose consent form was uploaded (assisted_register, consent_upload). */
    residentId: { type: Schema.Types.ObjectId },
    /** The file opened or uploaded (material_open, consent_upload). */
    materialId: { type: Schema.Types.ObjectId },
    /** The staff account created or changed (staff_create, staff_update). */
    accountId: { type: Schema.Types.ObjectId },
    reason: { type: String, required: true },
    /** The filters of an export, with any search text left out (it may be an ID number). */
    filters: { type: Schema.Types.Mixed },
  },
  { versionKey: false },
);
auditSchema.index({ applicationId: 1, at: -1 });
auditSchema.index({ programId: 1, at: -1 });
auditSchema.index({ certificateId: 1, at: -1 });
// The log's pages (service.ts), newest first by (at, _id): all staff, one member, or one action.
auditSchema.index({ at: -1, _id: -1 });
auditSchema.index({ staffId: 1, at: -1, _id: -1 });
auditSchema.index({ action: 1, at: -1, _id: -1 });

export type AuditDoc = InferSchemaType<typeof auditSchema> & { _id: Types.ObjectId };
export const AuditModel = mongoose.model('Audit', auditSchema);
