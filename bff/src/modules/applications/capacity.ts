import { Types } from 'mongoose';
import type { ApplicationStatus, ProgramKind } from '@minsheng/shared';
import { AppError } from '../../errors';
import { SlotModel } from '../programs/model';
import { ApplicationModel, type ApplicationDoc } from './model';
import { transition } from './transition';

/**
 * Stalls and seats. Taking a place is one conditional update of a free slot
 * (holder null → this application), so no place ever has two holders and no
 * class is overfilled, without transactions. The application is updated in a
 * second write; a crash in between leaves a slot held by an application that
 * is not (yet) approved, which a retry of the same request reuses and
 * `repairSlots` frees otherwise.
 */

/** Statuses in which an application keeps its stall or seat. */
const HOLDING: Record<ProgramKind, readonly ApplicationStatus[]> = {
  stall: ['approved'],
  training: ['approved', 'attending', 'completed'],
  loan: [],
  subsidy: [],
};

export function holdsPlace(kind: ProgramKind, status: ApplicationStatus): boolean {
  return HOLDING[kind].includes(status);
}

/** Takes a free slot for the application (the named one, or the first free); reuses one it already holds. */
export async function takeSlot(app: ApplicationDoc, label?: string): Promise<{ _id: Types.ObjectId; label: string } | null> {
  const mine = await SlotModel.findOne({ programId: app.programId, holderApplicationId: app._id }).lean();
  if (mine) return { _id: mine._id, label: mine.label };
  const taken = await SlotModel.findOneAndUpdate(
    { programId: app.programId, holderApplicationId: null, ...(label ? { label } : {}) },
    { $set: { holderApplicationId: app._id, heldSince: new Date() } },
    { sort: { order: 1 }, returnDocument: 'after' },
  ).lean();
  if (taken) return { _id: taken._id, label: taken.label };
  if (label) {
    const exists = await SlotModel.exists({ programId: app.programId, label });
    if (!exists) throw new AppError('VALIDATION_FAILED', '没有这个摊位', { slotLabel: '没有这个摊位' });
    throw new AppError('NO_CAPACITY', `摊位 ${label} 已有人使用，请选择其他摊位`);
  }
  return null;
}

/** Frees whatever slot the application holds. */
export async function releaseSlot(applicationId: Types.ObjectId): Promise<void> {
  await SlotModel.updateMany({ holderApplicationId: applicationId }, { $set: { holderApplicationId: null, heldSince: null } });
}

/**
 * Frees slots whose holder no longer holds a place (withdrawn, rejected,
 * released, or a crash between the two writes of an approval).
 */
export async function repairSlots(programId: Types.ObjectId): Promise<number> {
  const held = await SlotModel.find({ programId, holderApplicationId: { $ne: null } }, { holderApplicationId: 1, heldSince: 1 }).lean();
  if (held.length === 0) return 0;
  const holders = await ApplicationModel.find(
    { _id: { $in: held.map((s) => s.holderApplicationId) } },
    { kind: 1, status: 1, assignment: 1 },
  ).lean<Pick<ApplicationDoc, '_id' | 'kind' | 'status' | 'assignment'>[]>();
  const byId = new Map(holders.map((h) => [String(h._id), h]));
  // An approval in flight holds its slot a moment before the application says so.
  const graceMs = 30_000;
  let freed = 0;
  for (const slot of held) {
    const holder = byId.get(String(slot.holderApplicationId));
    const inFlight = slot.heldSince && Date.now() - slot.heldSince.getTime() < graceMs;
    if (holder && holdsPlace(holder.kind, holder.status)) continue;
    if (holder && inFlight) continue;
    const res = await SlotModel.updateOne(
      { _id: slot._id, holderApplicationId: slot.holderApplicationId },
      { $set: { holderApplicationId: null, heldSince: null } },
    );
    freed += res.modifiedCount;
  }
  return freed;
}

/**
 * Gives free seats to wait-listed applications in submission order. Safe to
 * run concurrently: each seat and each application changes by a conditional
 * write, and a loser just tries the next.
 */
export async function promoteWaitlist(programId: Types.ObjectId): Promise<number> {
  let promoted = 0;
  for (let guard = 0; guard < 1000; guard += 1) {
    const next = await ApplicationModel.findOne({ programId, status: 'waitlisted' })
      .sort({ submittedAt: 1, _id: 1 })
      .lean<ApplicationDoc>();
    if (!next) return promoted;
    const seat = await takeSlot(next);
    if (!seat) return promoted;
    try {
      await transition(next, {
        action: 'promote',
        actor: { role: 'system' },
        version: next.version,
        set: { assignment: { slotId: seat._id, label: seat.label, at: new Date() } },
        data: { slot: seat.label },
      });
      promoted += 1;
    } catch (err) {
      // Someone else moved this application first (promoted or withdrew it): give the seat back and look again.
      await SlotModel.updateOne({ _id: seat._id, holderApplicationId: next._id }, { $set: { holderApplicationId: null, heldSince: null } });
      if (!(err instanceof AppError)) throw err;
    }
  }
  return promoted;
}

/**
 * After a change of status: free a place the application no longer holds and
 * fill free seats from the wait-list. Idempotent, so a retried request can
 * run it again to finish what a crash interrupted.
 */
export async function settlePlaces(app: ApplicationDoc): Promise<void> {
  if (app.kind !== 'stall' && app.kind !== 'training') return;
  if (!holdsPlace(app.kind, app.status)) await releaseSlot(app._id);
  if (app.kind === 'training') await promoteWaitlist(app.programId);
}
