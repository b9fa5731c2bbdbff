import mongoose, { Schema, type InferSchemaType, type Types } from 'mongoose';
import { CATEGORIES, HOUSEHOLD_TYPES } from '@minsheng/shared';
import { attributionSchema } from '../links/model';

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
    reemploymentCertificateNo: { type: String },
  },
  { _id: false },
);

const residentSchema = new Schema(
  {
    openid: { type: String, required: true, unique: true },
    profile: { type: profileSchema, default: undefined },
    /** Copied out of the profile so a sparse unique index can keep one account per person. */
    idNumberHash: { type: String },
    lastLoginAt: { type: Date },
    /** The sign-up link that first brought the resident here; set once, never replaced (first touch wins). */
    attribution: { type: attributionSchema, default: undefined },
  },
  { timestamps: true },
);
residentSchema.index({ idNumberHash: 1 }, { unique: true, sparse: true });
residentSchema.index({ 'attribution.linkId': 1 });

export type ResidentDoc = InferSchemaType<typeof residentSchema> & { _id: Types.ObjectId };
export type ProfileDoc = InferSchemaType<typeof profileSchema>;
export const ResidentModel = mongoose.model('Resident', residentSchema);
