import mongoose, { Schema, type InferSchemaType, type Types } from 'mongoose';
import { STAFF_ROLES } from '@minsheng/shared';

const staffSchema = new Schema(
  {
    username: { type: String, required: true, unique: true },
    name: { type: String, required: true },
    passwordHash: { type: String, required: true },
    role: { type: String, enum: STAFF_ROLES, required: true },
    /** Officers see and act for these communities only. */
    communities: { type: [String], default: [] },
    disabled: { type: Boolean, default: false },
    /** Bumped on disable or password change: tokens carrying an older value stop working at once. */
    tokenGeneration: { type: Number, default: 0 },
  },
  { timestamps: true },
);

// The administrators' list of accounts, by role and username.
staffSchema.index({ role: 1, username: 1 });

export type StaffDoc = InferSchemaType<typeof staffSchema> & { _id: Types.ObjectId; createdAt: Date };
export const StaffModel = mongoose.model('Staff', staffSchema);

/**
 * Failed logins per account and per client address, keyed by a keyed hash of
 * the typed username or the address (service.ts `throttleKeys`). Not a TTL collection
 * (FerretDB has none): a window start is kept and reset when it has passed.
 */
const loginThrottleSchema = new Schema(
  {
    _id: { type: String, required: true },
    failures: { type: Number, default: 0 },
    windowStart: { type: Date, required: true },
    lockedUntil: { type: Date, default: null },
  },
  { versionKey: false },
);
export const LoginThrottleModel = mongoose.model('LoginThrottle', loginThrottleSchema);
