import { Schema } from 'mongoose';

// Embedded in both a resident and the applications an officer made for them,
// so it lives apart from either model.

/** The station officer who registered a resident without a smartphone (帮办). */
export const assistedBySchema = new Schema(
  {
    staffId: { type: String, required: true },
    staffName: { type: String, required: true },
    community: { type: String, required: true },
    communityName: { type: String, required: true },
    at: { type: Date, required: true },
  },
  { _id: false },
);
