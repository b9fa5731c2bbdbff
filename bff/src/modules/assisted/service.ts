import { Types } from 'mongoose';
import type { ApplicationForm, Material, ProfileData } from '@minsheng/shared';
import { claimOr } from '../../db/claim';
import { AppError, conflict, forbidden, notFound, validationFailed } from '../../errors';
import type { StaffPrincipal } from '../../http/context';
import type { PiiCipher } from '../../security/pii';
import type { ApplicationDoc } from '../applications/model';
import { audit } from '../audit/service';
import { listOwnApplications, submitApplication } from '../applications/service';
import { storeMaterial, type UploadedFile } from '../materials/service';
import { findCommunity } from '../communities/service';
import {
  findAssistedResident,
  insertAssistedResident,
  listAssistedResidents,
  recordConsentConfirmed,
  recordConsentForm,
} from '../residents/assisted';
import type { ResidentDoc } from '../residents/model';
import { getSignedInResident, sealProfile } from '../residents/service';

/**
 * Registers a resident who has no smartphone, with the same checks and
 * sealing as a resident's own profile. Consent starts as pending (see
 * requireConsent). One ID number is one resident, whoever registered it.
 * The route has checked the community is the viewer's.
 */
export async function registerAssisted(
  viewer: StaffPrincipal,
  input: ProfileData,
  pii: PiiCipher,
  now: Date = new Date(),
): Promise<ResidentDoc> {
  const profile = await sealProfile(input, pii, null, 'assisted', now);
  const community = await findCommunity(profile.community);
  if (!community) throw validationFailed({ community: '请选择所在社区（村）' });
  const resident = await claimOr(
    () =>
      insertAssistedResident(profile, {
        staffId: viewer.id,
        staffName: viewer.name,
        community: community.code,
        communityName: community.name,
        at: now,
      }),
    () => {
      throw new AppError('ID_NUMBER_TAKEN', '该身份证号已有居民账号（本人已注册或已被登记），请在帮办列表中查找', {
        idNumber: '该身份证号已有居民账号',
      });
    },
  );
  await audit(viewer, { action: 'assisted_register', residentId: resident._id, reason: `登记帮办居民（${community.name}）` });
  return resident;
}

/** The assisted residents the viewer serves (of one community, which the route checked is the viewer's), newest first. */
export async function listAssisted(viewer: StaffPrincipal, community: string | undefined): Promise<ResidentDoc[]> {
  return listAssistedResidents(community ? { 'profile.community': community } : viewer.scope.where('profile.community'));
}

/** An assisted resident the viewer serves; anyone else is "not found". */
export async function getAssisted(viewer: StaffPrincipal, id: string): Promise<ResidentDoc> {
  const doc = await findAssistedResident(id, viewer.scope.where('profile.community'));
  if (!doc?.profile) throw notFound('居民不存在');
  return doc;
}

/** The resident's applications, newest first, as the resident sees them listed. */
export async function applicationsOf(residentId: Types.ObjectId): Promise<ApplicationDoc[]> {
  return listOwnApplications(String(residentId));
}

/** Stores a material for the resident (the officer photographs their papers); the resident owns it. */
export async function uploadFor(viewer: StaffPrincipal, id: string, purpose: string, file: UploadedFile): Promise<Material> {
  const resident = await getAssisted(viewer, id);
  return storeMaterial(String(resident._id), purpose, file);
}

/** Stores the signed consent form and records consent by form. */
export async function uploadConsentForm(
  viewer: StaffPrincipal,
  id: string,
  file: UploadedFile,
  now: Date = new Date(),
): Promise<ResidentDoc> {
  const material = await uploadFor(viewer, id, 'consent_form', file);
  const materialId = new Types.ObjectId(material.id);
  const updated = await recordConsentForm(id, materialId, viewer.id, now);
  if (!updated) throw notFound('居民不存在');
  await audit(viewer, { action: 'consent_upload', residentId: updated._id, materialId, reason: '上传居民签字的授权书' });
  return updated;
}

/**
 * Consent decision: an application may be submitted on a resident's behalf
 * only once consent is recorded — the signed form uploaded, or the resident's
 * own confirmation in the mini-program. "Pending" does not allow submission:
 * the bureau processes the resident's personal data for the application, and
 * a resident without a phone may never confirm, so the officer needs the
 * signed form first (or waits for the resident to join and confirm).
 */
function requireConsent(resident: ResidentDoc): void {
  const status = resident.consent?.status;
  if (status !== 'signed_form' && status !== 'confirmed') {
    throw new AppError('CONSENT_REQUIRED', undefined, { consent: '尚未取得居民授权' });
  }
}

/**
 * An assisted resident the viewer serves and may act for: every officer
 * action on the resident's behalf (an application, the 就业创业证) needs the
 * recorded consent (requireConsent).
 */
export async function consentedAssisted(viewer: StaffPrincipal, id: string): Promise<ResidentDoc> {
  const resident = await getAssisted(viewer, id);
  requireConsent(resident);
  return resident;
}

/** Submits an application for the resident through the resident's own submission (same checks, keys and duplicates). */
export async function submitFor(
  viewer: StaffPrincipal,
  id: string,
  input: { idempotencyKey: string; programId: string; form: ApplicationForm; materialIds: string[]; declarationVersion: string },
  options: { numberPrefix: string },
): Promise<{ application: ApplicationDoc; replayed: boolean }> {
  if (viewer.role === 'reviewer') throw forbidden();
  const resident = await consentedAssisted(viewer, id);
  const profile = resident.profile;
  if (!profile) throw new AppError('PROFILE_INCOMPLETE');
  const community = await findCommunity(profile.community);
  return submitApplication(
    {
      residentId: String(resident._id),
      ...input,
      assistedBy: {
        staffId: viewer.id,
        staffName: viewer.name,
        role: viewer.role,
        community: profile.community,
        communityName: community?.name ?? profile.community,
      },
    },
    options,
  );
}

/** The resident confirms, in the mini-program, that the officer may act for them. */
export async function confirmConsent(residentId: string, now: Date = new Date()): Promise<ResidentDoc> {
  const resident = await getSignedInResident(residentId);
  if (!resident.assistedBy || !resident.consent) throw notFound('没有需要确认的授权');
  if (resident.consent.status !== 'pending') return resident;
  const updated = await recordConsentConfirmed(resident._id, now);
  if (!updated) throw conflict();
  return updated;
}
