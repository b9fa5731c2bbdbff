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
programSchema.index({ kind: 1, status: 1 });

export type ProgramDoc = InferSchemaType<typeof programSchema> & { _id: Types.ObjectId };
export const ProgramModel = mongoose.model('Program', programSchema);

/**
 * A stall of a park or a seat of a class: one document per place, held by at
 * most one application. Assigning is a conditional update of a free slot, so
 * two approvals can never take the same place, with no transaction.
 */
const slotSchema = new Schema(
  {
    programId: { type: Schema.Types.ObjectId, required: true },
    kind: { type: String, enum: ['stall', 'seat'], required: true },
    label: { type: String, required: true },
    order: { type: Number, required: true },
    holderApplicationId: { type: Schema.Types.ObjectId, default: null },
    heldSince: { type: Date, default: null },
  },
  { timestamps: true },
);
slotSchema.index({ programId: 1, label: 1 }, { unique: true });
slotSchema.index({ programId: 1, holderApplicationId: 1, order: 1 });
slotSchema.index({ holderApplicationId: 1 });

export type SlotDoc = InferSchemaType<typeof slotSchema> & { _id: Types.ObjectId };
export const SlotModel = mongoose.model('Slot', slotSchema);
