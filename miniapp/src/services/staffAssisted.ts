import type {
  AssistedResident,
  AssistedResidentDetail,
  AssistedResidentList,
  CreateApplicationRequest,
  Material,
  ProfileInput,
  StaffApplication,
} from '@minsheng/shared';
import type { UploadMaterialOptions } from './materials';
import { upload, type UploadOptions } from './request';
import { staffSession } from './session';
import { isSessionError, staffLogOut, staffRequest } from './staff';

// 帮办: a station officer registers a resident without a smartphone, records
// their consent, and applies and follows applications on their behalf.

const base = (id: string) => `/api/admin/assisted/residents/${encodeURIComponent(id)}`;

/** The assisted residents of the officer's communities, newest first. */
export async function listAssisted(community?: string): Promise<AssistedResident[]> {
  const { items } = await staffRequest<AssistedResidentList>({
    path: '/api/admin/assisted/residents',
    data: community ? { community } : undefined,
  });
  return items;
}

/** One assisted resident with consent and the applications submitted for them. */
export function getAssisted(id: string): Promise<AssistedResidentDetail> {
  return staffRequest<AssistedResidentDetail>({ path: base(id) });
}

/** Registers a resident: the resident's own profile form, ID number required. */
export function registerAssisted(input: ProfileInput): Promise<AssistedResident> {
  return staffRequest<AssistedResident>({ method: 'POST', path: '/api/admin/assisted/residents', data: { ...input } });
}

/** Uploads with the staff token; a refused token is forgotten, as staffRequest does. */
async function staffUpload<T>(options: Omit<UploadOptions, 'token'>): Promise<T> {
  try {
    return await upload<T>({ ...options, token: staffSession.token() });
  } catch (error) {
    if (isSessionError(error)) staffLogOut();
    throw error;
  }
}

/** Uploads the photo of the resident's signed consent form; consent is then recorded. */
export function uploadConsentForm(
  id: string,
  { filePath, fileName, onProgress }: Omit<UploadMaterialOptions, 'purpose'>,
): Promise<AssistedResident> {
  return staffUpload<AssistedResident>({ path: `${base(id)}/consent`, filePath, name: 'file', fileName, onProgress });
}

/** An uploader of the resident's materials, for the apply flow's materials step. */
export function materialUploaderFor(id: string): (options: UploadMaterialOptions) => Promise<Material> {
  return ({ filePath, purpose, fileName, onProgress }) =>
    staffUpload<Material>({ path: `${base(id)}/materials`, filePath, name: 'file', formData: { purpose }, fileName, onProgress });
}

/** Submits an application on the resident's behalf; the same key for a retry of the same submission. */
export function submitFor(id: string, body: CreateApplicationRequest, idempotencyKey: string): Promise<StaffApplication> {
  return staffRequest<StaffApplication>({ method: 'POST', path: `${base(id)}/applications`, data: { ...body }, idempotencyKey });
}
