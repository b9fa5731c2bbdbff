import type { Types } from 'mongoose';
import type { ApplicationStatus, ProgramKind } from '@minsheng/shared';
import { isDuplicateKeyError } from '../../db/connection';
import { AppError } from '../../errors';
import { SlotHoldModel, SlotModel } from '../programs/model';
import { catalogChanged } from '../programs/service';
import { ApplicationModel, type ApplicationDoc } from './model';
import { transition } from './transition';

/**
 * Stalls and seats. Taking a place is inserting a SlotHold whose `_id` is the
 * slot's (unique) and whose `applicationId` is unique, so no place ever has two
 * holders and no class is overfilled, with no transaction and on any number
 * of BFF processes. The application is updated in a second write; a crash in
 * between leaves a hold for an application that is not (yet) approved, which a
 * retry of the same request reuses and `repairSlots` frees otherwise.
 */

/** Statuses in which an application keeps its stall or seat. */
const HOLDING: Record<ProgramKind, readonly ApplicationStatus[]> = {
  stall: ['approved'],
  training: ['approved', 'attending', 'completed'],
  loan: [],
  subsidy: [],
};

/** A hold younger than this may belong to an approval still in flight. */
const IN_FLIGHT_MS = 10_000;

export function holdsPlace(kind: ProgramKind, status: ApplicationStatus): boolean {
  return HOLDING[kind].includes(status);
}

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
export async function takeSlot(app: Pick<ApplicationDoc, '_id' | 'programId'>, label?: string): Promise<Place | null> {
  const mine = await SlotHoldModel.findOne({ applicationId: app._id }).lean();
  if (mine) return { _id: mine._id, label: mine.label };

  const slots = await SlotModel.find({ programId: app.programId, ...(label ? { label } : {}) }, { label: 1, order: 1 })
    .sort({ order: 1 })
    .lean();
  if (label && slots.length === 0) throw new AppError('VALIDATION_FAILED', '没有这个摊位', { slotLabel: '没有这个摊位' });
  // Each lost round means someone else took a place; the bound only guards against places freed and retaken forever.
  for (let round = 0; round <= slots.length * 2; round += 1) {
    const held = new Set((await SlotHoldModel.find({ programId: app.programId }, { _id: 1 }).lean()).map((h) => String(h._id)));
    const free = slots.filter((slot) => !held.has(String(slot._id)));
    const slot = round === 0 ? free[0] : free[Math.floor(Math.random() * free.length)];
    if (!slot) break;
    try {
      await SlotHoldModel.create({ _id: slot._id, programId: app.programId, label: slot.label, applicationId: app._id, at: new Date() });
      return { _id: slot._id, label: slot.label };
    } catch (err) {
      if (!isDuplicateKeyError(err)) throw err;
      // Lost this place to someone else, or this application got one meanwhile.
      const got = await SlotHoldModel.findOne({ applicationId: app._id }).lean();
      if (got) return { _id: got._id, label: got.label };
    }
  }
  if (label) throw new AppError('NO_CAPACITY', `摊位 ${label} 已有人使用，请选择其他摊位`);
  return null;
}

/** Frees whatever place the application holds. */
export async function releaseSlot(app: Pick<ApplicationDoc, '_id'>): Promise<void> {
  await SlotHoldModel.deleteOne({ applicationId: app._id });
  catalogChanged();
}

/**
 * Gives back a place taken for a step that did not go through, unless the
 * application holds it after all (a concurrent approval of the same
 * application may have won with this very place).
 */
export async function returnSlot(app: Pick<ApplicationDoc, '_id'>, slotId: Types.ObjectId): Promise<void> {
  const now = await ApplicationModel.findById(app._id, { kind: 1, status: 1, assignment: 1 }).lean<
    Pick<ApplicationDoc, 'kind' | 'status' | 'assignment'>
  >();
  if (now && holdsPlace(now.kind, now.status) && String(now.assignment?.slotId) === String(slotId)) return;
  await SlotHoldModel.deleteOne({ _id: slotId, applicationId: app._id });
  catalogChanged();
}

/** Holders per slot id of a programme. */
export async function holdersOf(programId: Types.ObjectId): Promise<Map<string, string>> {
  const holds = await SlotHoldModel.find({ programId }, { _id: 1, applicationId: 1 }).lean();
  return new Map(holds.map((h) => [String(h._id), String(h.applicationId)]));
}

/**
 * Frees holds whose application no longer holds a place (withdrawn,
 * rejected, released, or a crash between the two writes of an approval).
 */
export async function repairSlots(programId: Types.ObjectId, now: Date = new Date()): Promise<number> {
  const holds = await SlotHoldModel.find({ programId }).lean();
  if (holds.length === 0) return 0;
  const apps = await ApplicationModel.find({ _id: { $in: holds.map((h) => h.applicationId) } }, { kind: 1, status: 1 }).lean<
    Pick<ApplicationDoc, '_id' | 'kind' | 'status'>[]
  >();
  const byId = new Map(apps.map((a) => [String(a._id), a]));
  let freed = 0;
  for (const hold of holds) {
    const app = byId.get(String(hold.applicationId));
    if (app && holdsPlace(app.kind, app.status)) continue;
    if (now.getTime() - hold.at.getTime() < IN_FLIGHT_MS) continue;
    const res = await SlotHoldModel.deleteOne({ _id: hold._id, applicationId: hold.applicationId });
    freed += res.deletedCount;
  }
  if (freed > 0) catalogChanged();
  return freed;
}

/**
 * Gives free seats to wait-listed applications in submission order. Safe to
 * run concurrently and on several processes: each seat is won by a unique
 * insert and each application changes through a claimed revision.
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
      await returnSlot(next, seat._id);
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
  if (!holdsPlace(app.kind, app.status)) await releaseSlot(app);
  if (app.kind === 'training') await promoteWaitlist(app.programId);
}
