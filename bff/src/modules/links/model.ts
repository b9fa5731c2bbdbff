import mongoose, { Schema, type InferSchemaType } from 'mongoose';
import { STAFF_ROLES } from '@minsheng/shared';
import { attributionSchema } from './attribution';

// applications/model.ts still takes the attribution schema from here.
export { attributionSchema, type AttributionDoc } from './attribution';

/**
 * A sign-up link: a community and one programme (or all of them). Its `_id`
 * is the short id printed in the code's scene and the link's path; it never
 * changes, so printed posters keep working.
 */
const linkSchema = new Schema(
  {
    _id: { type: String, required: true },
    community: { type: String, required: true },
    programId: { type: Schema.Types.ObjectId, default: null },
    createdBy: { type: String, required: true },
    createdByRole: { type: String, enum: STAFF_ROLES, required: true },
  },
  { timestamps: true, versionKey: false },
);
// A community's links, newest first, ties by _id as the list sorts them.
linkSchema.index({ community: 1, createdAt: -1, _id: 1 });

export type LinkDoc = InferSchemaType<typeof linkSchema> & { _id: string; createdAt: Date };
export const LinkModel = mongoose.model('Link', linkSchema);

/**
 * One counted open of a link: one per visitor per link per China day. Opens
 * are inserted rather than counted with $inc on the link: the embedded
 * FerretDB applies $inc as a read and a write, which loses counts under
 * concurrent opens. The `_id` is a keyed hash of link, day and visitor, so of
 * a visitor's repeated opens one insert succeeds (older opens have ObjectIds).
 */
const linkOpenSchema = new Schema(
  {
    _id: { type: Schema.Types.Mixed, required: true },
    linkId: { type: String, required: true },
    at: { type: Date, required: true },
    residentId: { type: Schema.Types.ObjectId, default: null },
  },
  { versionKey: false },
);
linkOpenSchema.index({ linkId: 1, at: -1 });

export const LinkOpenModel = mongoose.model('LinkOpen', linkOpenSchema);

/**
 * How many opens of a link one network address had counted on one China day,
 * keyed by a keyed hash of link, day and address (a read and a write by
 * `_id`). Under concurrent opens FerretDB's $inc may lose an increment, so
 * the bound is approximate by a few, never unbounded. Read only by `_id`, so
 * old days' documents cost nothing (FerretDB 1.x has no TTL indexes to expire them).
 */
const linkOpenQuotaSchema = new Schema(
  {
    _id: { type: String, required: true },
    n: { type: Number, required: true },
  },
  { versionKey: false },
);
export const LinkOpenQuotaModel = mongoose.model('LinkOpenQuota', linkOpenQuotaSchema);

/**
 * The first link a resident opened, keyed by the resident: of two first
 * opens at once only one insert succeeds (a unique _id is atomic on every
 * engine we run on), and the resident's copy is always set from this one.
 */
const firstTouchSchema = new Schema(
  {
    _id: { type: Schema.Types.ObjectId, required: true },
    attribution: { type: attributionSchema, required: true },
  },
  { versionKey: false },
);
export const FirstTouchModel = mongoose.model('FirstTouch', firstTouchSchema);
