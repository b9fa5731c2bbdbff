import type { StaffApplication } from '@minsheng/shared';
import type { Types } from 'mongoose';
import type { StaffPrincipal } from '../../http/context';
import type { ApplicationDoc } from '../applications/model';
import { waitlistPosition } from '../applications/service';
import { presentCertificateSummary } from '../certificates/presenter';
import { latestCertificateOf } from '../certificates/service';
import { materialsByIds } from '../materials/service';
import { consentOf } from '../residents/assisted';
import { presentStaffApplication } from './presenter';
import { actionsFor } from './service';

/** The consent of the resident an officer applied for; null for an application the resident made themselves. */
async function assistedConsent(doc: ApplicationDoc) {
  return doc.assistedBy ? consentOf(doc.residentId) : null;
}

/** The consent as the reviewer checks it: status, when, and the signed form's file once uploaded. */
async function presentConsent(doc: ApplicationDoc): Promise<StaffApplication['consent']> {
  const consent = await assistedConsent(doc);
  if (!consent) return null;
  const [form] = consent.materialId ? await materialsByIds([consent.materialId]) : [];
  return { status: consent.status, at: consent.at ? consent.at.toISOString() : null, form: form ?? null };
}

/**
 * The files staff may open through the application: those attached to it and,
 * for one an officer made for the resident, the resident's signed consent form.
 */
export async function openableMaterialIds(doc: ApplicationDoc): Promise<Types.ObjectId[]> {
  const formId = (await assistedConsent(doc))?.materialId;
  return formId ? [...doc.materialIds, formId] : doc.materialIds;
}

/**
 * An application as a staff member sees it: with its materials, its place on
 * the wait-list, the applicant's 就业创业证 and (帮办) consent, and the steps
 * the viewer may take.
 */
export async function staffView(doc: ApplicationDoc, viewer: StaffPrincipal): Promise<StaffApplication> {
  const [materials, position, certificate, consent] = await Promise.all([
    materialsByIds(doc.materialIds),
    waitlistPosition(doc),
    latestCertificateOf(doc.residentId),
    presentConsent(doc),
  ]);
  return presentStaffApplication(doc, materials, position, actionsFor(doc, viewer.role), {
    certificate: presentCertificateSummary(certificate),
    consent,
  });
}
