import mongoose, { Schema, type InferSchemaType, type Types } from 'mongoose';
import { PROGRAM_KINDS } from '@minsheng/shared';

const programSchema = new Schema(
  {
    code: { type: String, required: true, unique: true },
    kind: { type: String, enum: PROGRAM_KINDS, required: true },
    title: { type: String, required: true },
    summary: { type: String, required: true },
    benefits: { type: [String], default: [] },
    // Validated by the shared zod schemas on the way in; stored as given.
    eligibility: { type: Schema.Types.Mixed, default: {} },
    materials: { type: [{ _id: false, code: String, label: String, required: Boolean }], default: [] },
    details: { type: Schema.Types.Mixed, required: true },
    opensAt: { type: Date, required: true },
    closesAt: { type: Date, default: null },
    status: { type: String, enum: ['open', 'closed'], default: 'open' },
    /** Stalls or seats created for this programme (stall and training kinds). */
    capacityTotal: { type: Number, default: null },
  },
  { timestamps: true, minimize: false },
);
// Each with the order its list asks for (index coverage: test/query-shapes/): the catalog by status, of one
// kind or all, in kind and code order; the open programmes of a link to all services in kind and opening order;
// the administrators' list of every programme in kind and code order.
programSchema.index({ status: 1, kind: 1, code: 1 });
programSchema.index({ status: 1, kind: 1, opensAt: 1 });
programSchema.index({ kind: 1, code: 1 });

export type ProgramDoc = InferSchemaType<typeof programSchema> & { _id: Types.ObjectId };
export const ProgramModel = mongoose.model('Program', programSchema);

/**
 * A stall of a park or a seat of a class: one document per place. Who holds
 * it is a separate document (SlotHold), because only a unique index is an
 * atomic arbiter on every engine we run on.
 */
const slotSchema = new Schema(
  {
    programId: { type: Schema.Types.ObjectId, required: true },
    kind: { type: String, enum: ['stall', 'seat'], required: true },
    label: { type: String, required: true },
    order: { type: Number, required: true },
  },
  { timestamps: true },
);
slotSchema.index({ programId: 1, label: 1 }, { unique: true });
slotSchema.index({ programId: 1, order: 1 });

export type SlotDoc = InferSchemaType<typeof slotSchema> & { _id: Types.ObjectId };
export const SlotModel = mongoose.model('Slot', slotSchema);

/**
 * "This application holds this place": `_id` is the slot's id, so a place has
 * at most one holder, and `applicationId` is unique, so an application holds
 * at most one place. Inserting wins a place; deleting gives it back. FerretDB
 * 1.x applies conditional updates non-atomically, but its unique indexes hold,
 * so this works unchanged on MongoDB and FerretDB, across processes.
 */
const slotHoldSchema = new Schema(
  {
    _id: { type: Schema.Types.ObjectId, required: true },
    programId: { type: Schema.Types.ObjectId, required: true },
    label: { type: String, required: true },
    applicationId: { type: Schema.Types.ObjectId, required: true },
    at: { type: Date, required: true },
  },
  { versionKey: false },
);
slotHoldSchema.index({ applicationId: 1 }, { unique: true });
slotHoldSchema.index({ programId: 1 });

export type SlotHoldDoc = InferSchemaType<typeof slotHoldSchema>;
export const SlotHoldModel = mongoose.model('SlotHold', slotHoldSchema);
