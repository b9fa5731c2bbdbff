import mongoose, { Schema, type InferSchemaType, type Types } from 'mongoose';

/** Who saw or did what sensitive thing, when and why. Append-only. */
const auditSchema = new Schema(
  {
    at: { type: Date, required: true },
    staffId: { type: Schema.Types.ObjectId, required: true },
    staffName: { type: String, required: true },
    role: { type: String, required: true },
    action: { type: String, enum: ['reveal_id'], required: true },
    applicationId: { type: Schema.Types.ObjectId, required: true },
    reason: { type: String, required: true },
  },
  { versionKey: false },
);
auditSchema.index({ applicationId: 1, at: -1 });
auditSchema.index({ staffId: 1, at: -1 });
auditSchema.index({ at: -1 });

export type AuditDoc = InferSchemaType<typeof auditSchema> & { _id: Types.ObjectId };
export const AuditModel = mongoose.model('Audit', auditSchema);
