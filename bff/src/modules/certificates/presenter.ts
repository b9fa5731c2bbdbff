import {
  CERTIFICATE_STATUS_LABELS,
  certificateActions,
  type Category,
  type Certificate,
  type CertificateSummary,
  type ProfileCertificate,
  type StaffCertificate,
  type StaffCertificateDetail,
} from '@minsheng/shared';
import type { StaffPrincipal } from '../../http/context';
import { materialsByIds } from '../materials/service';
import type { CertificateDoc } from './model';

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

/** The resident's view: status, categories, the issued number and date, the history without staff names. */
export function presentCertificate(doc: CertificateDoc): Certificate {
  return {
    id: String(doc._id),
    status: doc.status,
    statusLabel: CERTIFICATE_STATUS_LABELS[doc.status],
    categories: doc.categories as Category[],
    number: doc.number ?? null,
    issuedAt: iso(doc.issuedAt),
    reason: doc.reason ?? null,
    submittedAt: doc.submittedAt.toISOString(),
    legacyClaim: Boolean(doc.claimedNumber),
    history: doc.history.map((h) => ({ at: h.at.toISOString(), action: h.action, actorRole: h.actorRole, reason: h.reason ?? null })),
  };
}

/** Staff see the masked ID number, the evidence, the typed number of a legacy claim, and the steps their role may take. */
export function presentStaffCertificate(doc: CertificateDoc, viewer: StaffPrincipal): StaffCertificate {
  return {
    ...presentCertificate(doc),
    version: doc.version,
    residentId: String(doc.residentId),
    name: doc.name,
    idNumberMasked: doc.idNumberMasked,
    community: doc.community,
    materialIds: doc.materialIds.map(String),
    claimedNumber: doc.claimedNumber ?? null,
    actions: certificateActions(doc.status, viewer.role),
  };
}

/** The detail page's view: the staff view and the evidence's files, each openable through the certificate. */
export async function presentStaffCertificateDetail(doc: CertificateDoc, viewer: StaffPrincipal): Promise<StaffCertificateDetail> {
  return { ...presentStaffCertificate(doc, viewer), materials: await materialsByIds(doc.materialIds) };
}

/** The profile's line: "已核验" and the number, or where the record stands. */
export function presentProfileCertificate(doc: CertificateDoc | null): ProfileCertificate | null {
  if (!doc) return null;
  return {
    status: doc.status,
    statusLabel: CERTIFICATE_STATUS_LABELS[doc.status],
    number: doc.number ?? null,
    issuedAt: iso(doc.issuedAt),
    categories: doc.categories as Category[],
  };
}

/** The profile's line with the record's id, for staff who open it in 证件核验 from another page. */
export function presentCertificateSummary(doc: CertificateDoc | null): CertificateSummary | null {
  const summary = presentProfileCertificate(doc);
  return doc && summary ? { id: String(doc._id), ...summary } : null;
}
