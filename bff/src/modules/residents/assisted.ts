import { Types } from 'mongoose';
import { ResidentModel, type ProfileDoc, type ResidentDoc } from './model';

// The records of residents an officer registered (帮办). Who may register,
// see and act for them, and what consent allows, is assisted/service.ts's.

/** Which registered residents to read: those of these communities (all when absent), or of one. */
export interface AssistedScope {
  communities?: readonly string[];
  community?: string;
}

function scoped(scope: AssistedScope): Record<string, unknown> {
  return {
    assistedBy: { $exists: true },
    ...(scope.communities ? { 'profile.community': { $in: scope.communities } } : {}),
    ...(scope.community ? { 'profile.community': scope.community } : {}),
  };
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
export async function listAssistedResidents(scope: AssistedScope): Promise<ResidentDoc[]> {
  return ResidentModel.find(scoped(scope)).sort({ 'assistedBy.at': -1, _id: -1 }).limit(500).lean<ResidentDoc[]>();
}

/** A registered resident in scope, or null. */
export async function findAssistedResident(id: string, scope: AssistedScope): Promise<ResidentDoc | null> {
  if (!Types.ObjectId.isValid(id)) return null;
  return ResidentModel.findOne({ _id: id, ...scoped(scope) }).lean<ResidentDoc>();
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
