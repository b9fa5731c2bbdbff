import { Types } from 'mongoose';
import { holdsPlace, type ApplicationStatus, type ProgramKind } from '@minsheng/shared';
import { ApplicationModel, RevisionModel } from '../../src/modules/applications/model';
import { SlotHoldModel, SlotModel } from '../../src/modules/programs/model';

/** What the stored data says after a run, read raw (as stored), for the checks of every reliability test. */
export interface Invariants {
  /** Acknowledged application ids that are not stored. */
  missing: string[];
  statusOf: Map<string, string>;
  /** Applications whose status, last history entry and version disagree. */
  halfDecided: string[];
  /** Claimed revisions never applied to their application. */
  unappliedRevisions: string[];
  /** Holds of a place by an application that does not exist, does not hold a place in its status, or names another place. */
  orphanHolds: string[];
  /** Applications in a holding status without the hold of the place they name. */
  placesMissing: string[];
  /** Holds of something that is not a place of the programme. */
  foreignHolds: string[];
  summary: { applications: number; byStatus: Record<string, number>; held: Record<string, number>; revisions: number };
}

interface RawApplication {
  _id: Types.ObjectId;
  programId: Types.ObjectId;
  kind: ProgramKind;
  status: ApplicationStatus;
  version: number;
  history: { to: string }[];
  assignment?: { slotId?: Types.ObjectId } | null;
}

/** Reads the applications, revisions and holds of the programmes and lists whatever breaks the rules. */
export async function checkInvariants(programIds: readonly string[], acknowledgedIds: readonly string[] = []): Promise<Invariants> {
  const programs = programIds.map((p) => new Types.ObjectId(p));
  const apps = (await ApplicationModel.collection.find({ programId: { $in: programs } }).toArray()) as unknown as RawApplication[];
  const byId = new Map(apps.map((a) => [String(a._id), a]));
  const revisions = await RevisionModel.collection.find({ applicationId: { $in: apps.map((a) => a._id) } }).toArray();
  const holds = await SlotHoldModel.collection.find({ programId: { $in: programs } }).toArray();
  const slots = new Set(
    (await SlotModel.collection.find({ programId: { $in: programs } }).toArray()).map((s) => `${String(s.programId)} ${String(s._id)}`),
  );

  const byStatus: Record<string, number> = {};
  for (const a of apps) byStatus[`${String(a.programId)} ${a.status}`] = (byStatus[`${String(a.programId)} ${a.status}`] ?? 0) + 1;
  const held: Record<string, number> = {};
  for (const h of holds) held[String(h.programId)] = (held[String(h.programId)] ?? 0) + 1;

  return {
    missing: acknowledgedIds.filter((id) => !byId.has(id)),
    statusOf: new Map(apps.map((a) => [String(a._id), a.status])),
    halfDecided: apps.filter((a) => a.history.at(-1)?.to !== a.status || a.version !== a.history.length).map((a) => String(a._id)),
    unappliedRevisions: revisions
      .filter((r) => (byId.get(String(r.applicationId))?.version ?? 0) <= Number(r.fromVersion))
      .map((r) => String(r._id)),
    orphanHolds: holds
      .filter((h) => {
        const app = byId.get(String(h.applicationId));
        return !app || !holdsPlace(app.kind, app.status) || String(app.assignment?.slotId) !== String(h._id);
      })
      .map((h) => `${String(h.label)} held by ${String(h.applicationId)}`),
    placesMissing: apps
      .filter((a) => holdsPlace(a.kind, a.status))
      .filter((a) => !holds.some((h) => String(h.applicationId) === String(a._id) && String(h._id) === String(a.assignment?.slotId)))
      .map((a) => String(a._id)),
    foreignHolds: holds.filter((h) => !slots.has(`${String(h.programId)} ${String(h._id)}`)).map((h) => String(h._id)),
    summary: { applications: apps.length, byStatus, held, revisions: revisions.length },
  };
}
