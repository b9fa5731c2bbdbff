import { Types } from 'mongoose';
import { ResidentModel, type ProfileDoc, type ResidentDoc } from './model';

// The records of residents an officer registered (帮办). Who may register,
// see and act for them, and what consent allows, is assisted/service.ts's.

/** A condition on `profile.community` keeping a query inside the caller's community scope; undefined for every community. */
export type CommunityCondition = Record<string, unknown> | undefined;

/**
 * Registered residents (within `where`). `assistedBy.at` is required in every
 * assistedBy and never before 1970, so a bound on it picks exactly the
 * residents that have one, and an index can seek it (`$exists` no index bounds).
 */
function scoped(where: CommunityCondition): Record<string, unknown> {
  return { 'assistedBy.at': { $gte: new Date(0) }, ...where };
}

/** Stores a resident an officer registered: no openid yet, consent pending. A taken ID number is a duplicate-key error. */
export async function insertAssistedResident(
  profile: ProfileDoc,
  assistedBy: NonNullable<ResidentDoc['assistedBy']>,
): Promise<ResidentDoc> {
  const created = await ResidentModel.create({
    profile,
    idNumberHash: profile.idNumberHash,
    assistedBy,
    consent: { status: 'pending', materialId: null, at: null },
  });
  return created.toObject() as ResidentDoc;
}

/** Registered residents in scope, newest first. */
export async function listAssistedResidents(where: CommunityCondition): Promise<ResidentDoc[]> {
  return ResidentModel.find(scoped(where)).sort({ 'assistedBy.at': -1, _id: -1 }).limit(500).lean<ResidentDoc[]>();
}

/** A registered resident in scope, or null. */
export async function findAssistedResident(id: string, where: CommunityCondition): Promise<ResidentDoc | null> {
  if (!Types.ObjectId.isValid(id)) return null;
  return ResidentModel.findOne({ _id: id, ...scoped(where) }).lean<ResidentDoc>();
}

/** The resident's consent to an officer acting for them; null for one who has none (not registered by an officer, or gone). */
export async function consentOf(residentId: Types.ObjectId): Promise<ResidentDoc['consent'] | null> {
  const resident = await ResidentModel.findById(residentId, { consent: 1 }).lean<Pick<ResidentDoc, 'consent'>>();
  return resident?.consent ?? null;
}

/** Records consent by the signed form in GridFS; null when the resident is gone. */
export async function recordConsentForm(id: string, materialId: Types.ObjectId, byStaffId: string, at: Date): Promise<ResidentDoc | null> {
  return ResidentModel.findOneAndUpdate(
    { _id: id },
    { $set: { consent: { status: 'signed_form', materialId, at, byStaffId } } },
    { returnDocument: 'after' },
  ).lean<ResidentDoc>();
}

/** Records the resident's own confirmation; null when the resident is gone. */
export async function recordConsentConfirmed(id: Types.ObjectId, at: Date): Promise<ResidentDoc | null> {
  return ResidentModel.findOneAndUpdate(
    { _id: id },
    { $set: { 'consent.status': 'confirmed', 'consent.at': at } },
    { returnDocument: 'after' },
  ).lean<ResidentDoc>();
}
