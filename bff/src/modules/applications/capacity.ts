import type { Types } from 'mongoose';
import { holdsPlace } from '@minsheng/shared';
import { freePlace, holdsOf } from '../programs/places';
import { ApplicationModel, type ApplicationDoc } from './model';

/**
 * Whether applications still hold the places they took (programs/places.ts
 * takes and frees them). The application is updated in a second write after
 * its place is taken; a crash in between leaves a hold for an application
 * that is not (yet) approved, which a retry of the same request reuses and
 * `repairSlots` frees otherwise.
 */

/** A hold younger than this may belong to an approval still in flight. */
const IN_FLIGHT_MS = 10_000;

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
  await freePlace(app._id, slotId);
}

/**
 * Frees holds whose application no longer holds a place (withdrawn,
 * rejected, released, or a crash between the two writes of an approval).
 */
export async function repairSlots(programId: Types.ObjectId, now: Date = new Date()): Promise<number> {
  const holds = await holdsOf(programId);
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
    freed += await freePlace(hold.applicationId, hold._id);
  }
  return freed;
}
