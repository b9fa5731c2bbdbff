import mongoose, { Schema, type InferSchemaType, type Types } from 'mongoose';
import { CATEGORIES, CONSENT_STATUSES, HOUSEHOLD_TYPES } from '@minsheng/shared';
import { attributionSchema } from '../links/attribution';
import { agreementSchema } from './agreement';
import { assistedBySchema } from './assisted-by';

/**
 * The real-name profile. The ID number and mobile are stored only sealed
 * (AES-256-GCM) next to keyed hashes and masked forms; the plaintext never
 * reaches the database.
 */
const profileSchema = new Schema(
  {
    name: { type: String, required: true },
    idNumberSealed: { type: String, required: true },
    idNumberHash: { type: String, required: true },
    idNumberMasked: { type: String, required: true },
    birthDate: { type: String, required: true },
    sex: { type: String, enum: ['male', 'female'], required: true },
    mobileSealed: { type: String, required: true },
    mobileMasked: { type: String, required: true },
    /** Last four digits, for staff searching by "尾号". */
    mobileTail: { type: String, required: true },
    community: { type: String, required: true },
    street: { type: String, required: true },
    householdType: { type: String, enum: HOUSEHOLD_TYPES, required: true },
    categories: { type: [String], enum: CATEGORIES, default: [] },
    /**
     * Legacy: a certificate number the resident once typed. No longer written; the start-up migration
     * (certificates/service.ts) turns it into a pending claim and removes it. Declared so its query keeps its filter.
     */
    reemploymentCertificateNo: { type: String },
    /** The privacy notice (个人信息保护告知) agreed to with the last save; absent on profiles saved before it. */
    privacyNotice: { type: agreementSchema, default: undefined },
  },
  { _id: false },
);

/** The assisted resident's consent to the officer acting for them; see assisted/service.ts. */
const consentSchema = new Schema(
  {
    status: { type: String, enum: CONSENT_STATUSES, required: true },
    /** The signed form in GridFS, owned by the resident. */
    materialId: { type: Schema.Types.ObjectId, default: null },
    at: { type: Date, default: null },
    byStaffId: { type: String },
  },
  { _id: false },
);

const residentSchema = new Schema(
  {
    /** Absent for a resident an officer registered until they log in with WeChat and join (join.ts). */
    openid: { type: String },
    profile: { type: profileSchema, default: undefined },
    /** Copied out of the profile so a sparse unique index can keep one account per person. */
    idNumberHash: { type: String },
    lastLoginAt: { type: Date },
    /** The sign-up link that first brought the resident here; set once, never replaced (first touch wins). */
    attribution: { type: attributionSchema, default: undefined },
    assistedBy: { type: assistedBySchema, default: undefined },
    consent: { type: consentSchema, default: undefined },
  },
  { timestamps: true },
);
// Sparse: residents an officer registered have no openid yet. Named apart from the old non-sparse
// "openid_1", which dropLegacyOpenidIndex() removes at start.
residentSchema.index({ openid: 1 }, { unique: true, sparse: true, name: 'openid_sparse' });
residentSchema.index({ idNumberHash: 1 }, { unique: true, sparse: true });
// The list of assisted residents (assisted.ts), newest first: an officer's by community, an administrator's of all.
residentSchema.index({ 'profile.community': 1, 'assistedBy.at': -1, _id: -1 });
residentSchema.index({ 'assistedBy.at': -1, _id: -1 });
residentSchema.index({ 'attribution.linkId': 1 });

export type ResidentDoc = InferSchemaType<typeof residentSchema> & { _id: Types.ObjectId };
export type ProfileDoc = InferSchemaType<typeof profileSchema>;
export const ResidentModel = mongoose.model('Resident', residentSchema);

/**
 * Databases made before assisted registration have a non-sparse unique
 * "openid_1", which admits only one resident without an openid. Dropped
 * before ensureIndexes() creates its sparse replacement.
 */
export async function dropLegacyOpenidIndex(): Promise<boolean> {
  const collection = ResidentModel.collection;
  const indexes = await collection.indexes().catch(() => []);
  const legacy = indexes.find((i) => i.name === 'openid_1' && !i.sparse);
  if (!legacy) return false;
  await collection.dropIndex('openid_1');
  return true;
}

/**
 * A WeChat login joined to an assisted resident. `_id` is the assisted
 * resident's id, so of two logins proving the same person at once exactly one
 * can join (a unique insert: FerretDB's conditional updates are not atomic).
 * The claim carries what is needed to finish the join after a crash.
 */
const joinSchema = new Schema(
  {
    _id: { type: String, required: true },
    openid: { type: String, required: true, unique: true },
    /** The empty resident the WeChat login had created; removed by the join. */
    wechatResidentId: { type: String, required: true },
    at: { type: Date, required: true },
    completedAt: { type: Date, default: null },
  },
  { versionKey: false },
);
export type ResidentJoinDoc = InferSchemaType<typeof joinSchema>;
export const ResidentJoinModel = mongoose.model('ResidentJoin', joinSchema);

/**
 * A failed attempt to join an assisted resident (name or mobile differed).
 * One document per failure, counted, rather than a counter: FerretDB's $inc
 * is not atomic, inserts are.
 */
const joinFailureSchema = new Schema(
  {
    residentId: { type: Schema.Types.ObjectId, required: true },
    at: { type: Date, required: true },
  },
  { versionKey: false },
);
joinFailureSchema.index({ residentId: 1, at: -1 });
export const ResidentJoinFailureModel = mongoose.model('ResidentJoinFailure', joinFailureSchema);
