import type { Types } from 'mongoose';
import { claim } from '../../db/claim';
import { AppError } from '../../errors';
import { SlotHoldModel, SlotModel, type SlotHoldDoc } from './model';
import { catalogChanged } from './service';

/**
 * A programme's stalls and seats and who holds them. Taking a place is
 * inserting a SlotHold whose `_id` is the slot's (unique) and whose
 * `applicationId` is unique, so no place ever has two holders and no class is
 * overfilled, with no transaction and on any number of BFF processes. Whether
 * an application should still hold its place is the applications module's
 * business (applications/capacity.ts).
 */

export interface Place {
  _id: Types.ObjectId;
  label: string;
}

/**
 * Takes a free place for the application (the named one, or the first free); reuses one it already holds.
 * Once a place is lost to a parallel approval, the holds are re-read and a free place is drawn at random:
 * parallel approvals all trying the next place in turn made n approvals cost about n² failed inserts
 * (200 approvals for 40 places took minutes on FerretDB).
 */
export async function takePlace(programId: Types.ObjectId, applicationId: Types.ObjectId, label?: string): Promise<Place | null> {
  const mine = await SlotHoldModel.findOne({ applicationId }).lean();
  if (mine) return { _id: mine._id, label: mine.label };

  const slots = await SlotModel.find({ programId, ...(label ? { label } : {}) }, { label: 1, order: 1 })
    .sort({ order: 1 })
    .lean();
  if (label && slots.length === 0) throw new AppError('VALIDATION_FAILED', '没有这个摊位', { slotLabel: '没有这个摊位' });
  // Each lost round means someone else took a place; the bound only guards against places freed and retaken forever.
  for (let round = 0; round <= slots.length * 2; round += 1) {
    const held = new Set((await SlotHoldModel.find({ programId }, { _id: 1 }).lean()).map((h) => String(h._id)));
    const free = slots.filter((slot) => !held.has(String(slot._id)));
    const slot = round === 0 ? free[0] : free[Math.floor(Math.random() * free.length)];
    if (!slot) break;
    if (await claim(() => SlotHoldModel.create({ _id: slot._id, programId, label: slot.label, applicationId, at: new Date() }))) {
      return { _id: slot._id, label: slot.label };
    }
    // Lost this place to someone else, or this application got one meanwhile.
    const got = await SlotHoldModel.findOne({ applicationId }).lean();
    if (got) return { _id: got._id, label: got.label };
  }
  if (label) throw new AppError('NO_CAPACITY', `摊位 ${label} 已有人使用，请选择其他摊位`);
  return null;
}

/** Frees the place the application holds (the given one only, when named); how many were freed. */
export async function freePlace(applicationId: Types.ObjectId, slotId?: Types.ObjectId): Promise<number> {
  const res = await SlotHoldModel.deleteOne({ applicationId, ...(slotId ? { _id: slotId } : {}) });
  catalogChanged();
  return res.deletedCount;
}

/** Every hold of a programme. */
export async function holdsOf(programId: Types.ObjectId): Promise<SlotHoldDoc[]> {
  return SlotHoldModel.find({ programId }).lean<SlotHoldDoc[]>();
}

/** Holders per slot id of a programme. */
export async function holdersOf(programId: Types.ObjectId): Promise<Map<string, string>> {
  const holds = await SlotHoldModel.find({ programId }, { _id: 1, applicationId: 1 }).lean();
  return new Map(holds.map((h) => [String(h._id), String(h.applicationId)]));
}
