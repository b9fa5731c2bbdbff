import type {
  CertificateApplyRequest,
  CertificateDecisionRequest,
  CertificateQueue,
  CertificateStatus,
  Material,
  StaffCertificate,
  StaffCertificateDetail,
} from '@minsheng/shared';
import { openStaffMaterial, staffRequest } from './staff';

// 证件核验: the station checks the 就业创业证 applications of its communities, the bureau approves, suspends and cancels.

const base = (id: string) => `/api/admin/certificates/${encodeURIComponent(id)}`;

/** The certificates waiting for a check or an approval in the viewer's communities, oldest first; one status when given. */
export async function listCertificates(status?: Extract<CertificateStatus, 'pending' | 'checked'>): Promise<StaffCertificate[]> {
  const { items } = await staffRequest<CertificateQueue>({ path: '/api/admin/certificates', data: status ? { status } : undefined });
  return items;
}

/** One certificate with its evidence, history and the viewer's possible steps. */
export function getStaffCertificate(id: string): Promise<StaffCertificateDetail> {
  return staffRequest<StaffCertificateDetail>({ path: base(id) });
}

/** Opens one file of a certificate's evidence (an image in the viewer, a PDF in the document opener). */
export function openCertificateMaterial(certificateId: string, material: Pick<Material, 'id' | 'contentType'>): Promise<void> {
  return openStaffMaterial(base(certificateId), material);
}

/** Takes one step of the certificate's machine from the version seen; answers the certificate after it. */
export function decideCertificate(id: string, body: CertificateDecisionRequest): Promise<StaffCertificateDetail> {
  return staffRequest<StaffCertificateDetail>({ method: 'POST', path: `${base(id)}/decisions`, data: { ...body } });
}

/** An officer applies for the 就业创业证 on an assisted resident's behalf, with materials uploaded for them. */
export function applyForCertificateFor(residentId: string, request: CertificateApplyRequest): Promise<StaffCertificate> {
  return staffRequest<StaffCertificate>({
    method: 'POST',
    path: `/api/admin/assisted/residents/${encodeURIComponent(residentId)}/certificate`,
    data: { ...request },
  });
}
