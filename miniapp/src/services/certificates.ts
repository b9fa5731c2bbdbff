import type { Certificate, CertificateApplyRequest, MyCertificateResponse } from '@minsheng/shared';
import { residentRequest } from './auth';

/** The resident's 就业创业证 record, or null when they never applied. */
export function getMyCertificate(): Promise<MyCertificateResponse> {
  return residentRequest<MyCertificateResponse>({ path: '/api/me/certificate' });
}

/** Applies for the 就业创业证 with the categories to verify and the uploaded evidence; answers the pending record. */
export function applyForCertificate(request: CertificateApplyRequest): Promise<Certificate> {
  return residentRequest<Certificate>({ method: 'POST', path: '/api/me/certificate', data: { ...request } });
}
