import { Schema, type InferSchemaType } from 'mongoose';

/**
 * First-touch attribution: the sign-up link that first brought a resident.
 * Kept on residents and copied onto their applications, so their models
 * embed this schema; links/service.ts decides which link it is.
 */
export const attributionSchema = new Schema(
  {
    linkId: { type: String, required: true },
    community: { type: String, required: true },
    officerId: { type: String },
    at: { type: Date, required: true },
  },
  { _id: false },
);
export type AttributionDoc = InferSchemaType<typeof attributionSchema>;
