import mongoose, { Schema, type InferSchemaType, type Types } from 'mongoose';
import { CATEGORIES, CERTIFICATE_ACTIONS, CERTIFICATE_STATUSES } from '@minsheng/shared';
import { assistedBySchema } from '../residents/assisted-by';

const historySchema = new Schema(
  {
    at: { type: Date, required: true },
    action: { type: String, enum: ['apply', 'claim', ...CERTIFICATE_ACTIONS], required: true },
    actorRole: { type: String, required: true },
    actorId: { type: String, required: true },
    actorName: { type: String },
    reason: { type: String, default: null },
  },
  { _id: false },
);

/**
 * A resident's 就业创业证: applied for with evidence, checked by the station,
 * approved by the bureau, which issues the number. Every benefit that needs
 * the certificate reads the resident's live record (by `liveKey`), never a
 * number typed into the profile.
 */
const certificateSchema = new Schema(
  {
    residentId: { type: Schema.Types.ObjectId, required: true },
    /** The resident's community when applying: the station that checks it, and the staff scope. */
    community: { type: String, required: true },
    /** Copied for the staff queue, so it reads no resident: the name and the masked ID number only. */
    name: { type: String, required: true },
    idNumberMasked: { type: String, required: true },
    status: { type: String, enum: CERTIFICATE_STATUSES, required: true },
    version: { type: Number, required: true },
    categories: { type: [String], enum: CATEGORIES, default: [] },
    materialIds: { type: [Schema.Types.ObjectId], default: [] },
    number: { type: String },
    issuedAt: { type: Date, default: null },
    reason: { type: String, default: null },
    submittedAt: { type: Date, required: true },
    /** A number the resident had typed into the profile before certificates were verified (the start-up migration). */
    claimedNumber: { type: String, default: null },
    /** The resident's id while the record stands (not rejected or cancelled): one live certificate per resident. */
    liveKey: { type: String },
    assistedBy: { type: assistedBySchema, default: undefined },
    history: { type: [historySchema], default: [] },
  },
  { versionKey: false },
);
certificateSchema.index({ liveKey: 1 }, { unique: true, sparse: true });
certificateSchema.index({ number: 1 }, { unique: true, sparse: true });
certificateSchema.index({ residentId: 1, submittedAt: -1 });
// The staff queue: waiting records of the caller's communities, oldest first.
certificateSchema.index({ status: 1, community: 1, submittedAt: 1 });
certificateSchema.index({ status: 1, submittedAt: 1 });

export type CertificateDoc = InferSchemaType<typeof certificateSchema> & { _id: Types.ObjectId };
export type CertificateHistoryDoc = InferSchemaType<typeof historySchema>;
export const CertificateModel = mongoose.model('Certificate', certificateSchema);

/**
 * A decision on a certificate, claimed by inserting it under
 * "<certificate>:<version it changes>": of two staff deciding at once one
 * wins (FerretDB's conditional updates are not atomic; unique inserts are).
 * It carries the whole change, so a decision stopped after its claim is
 * finished by the next one who finds it.
 */
const stepSchema = new Schema(
  {
    _id: { type: String, required: true },
    certificateId: { type: Schema.Types.ObjectId, required: true },
    fromVersion: { type: Number, required: true },
    set: { type: Schema.Types.Mixed, required: true },
    entry: { type: historySchema, required: true },
    closes: { type: Boolean, required: true },
    at: { type: Date, required: true },
  },
  { versionKey: false },
);
export type CertificateStepDoc = InferSchemaType<typeof stepSchema>;
export const CertificateStepModel = mongoose.model('CertificateStep', stepSchema);
