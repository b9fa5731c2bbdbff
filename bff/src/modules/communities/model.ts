import mongoose, { Schema, type InferSchemaType } from 'mongoose';
import { COMMUNITY_TYPES } from '@minsheng/shared';

const communitySchema = new Schema(
  {
    code: { type: String, required: true, unique: true },
    name: { type: String, required: true },
    street: { type: String, required: true },
    type: { type: String, enum: COMMUNITY_TYPES, required: true },
    active: { type: Boolean, default: true },
  },
  { timestamps: true },
);
communitySchema.index({ street: 1, name: 1 });
// The directory: the active communities in street and name order (communities/service.ts).
communitySchema.index({ active: 1, street: 1, name: 1 });

export type CommunityDoc = InferSchemaType<typeof communitySchema>;
export const CommunityModel = mongoose.model('Community', communitySchema);
