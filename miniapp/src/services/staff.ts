import type {
  Material,
  Program,
  ProgramKind,
  QueueQuery,
  QueueResponse,
  Staff,
  StaffApplication,
  StatsQuery,
  StatsResponse,
  TransitionRequestBody,
} from '@minsheng/shared';
import Taro from '@tarojs/taro';
import { ApiError, endSession, request, type RequestOptions } from './request';
import { bearerHeader, staffSession } from './session';

interface StaffLoginResponse {
  token: string;
  expiresAt: string;
  staff: Staff;
}

/** Logs a staff member in with username and password and keeps the staff token on the phone. */
export async function staffLogIn(username: string, password: string): Promise<Staff> {
  const { token, expiresAt, staff } = await request<StaffLoginResponse>({
    method: 'POST',
    path: '/api/admin/login',
    data: { username, password },
    token: '',
  });
  staffSession.save({ token, expiresAt }, staff);
  return staff;
}

/** Forgets the staff token; the resident session, if any, stays. */
export function staffLogOut(): void {
  staffSession.clear();
}

/**
 * 退出登录: ends the session on the BFF too, so the token stops working at once
 * (a shared desk computer, a copied token), then forgets it here. An
 * unreachable BFF does not keep the staff member signed in on this device.
 */
export function staffSignOut(): Promise<void> {
  return endSession(staffSession, '/api/admin/logout');
}

/** The logged-in staff member, or null when no unexpired staff token is stored. */
export function currentStaff(now: Date = new Date()): Staff | null {
  const staff = staffSession.current(now)?.about;
  if (typeof staff !== 'object' || staff === null) return null;
  return staff as Staff;
}

/** True when the error means the staff token is missing, expired or revoked: log in again. */
export function isSessionError(error: unknown): boolean {
  return error instanceof ApiError && error.status === 401;
}

/** The staff token as an Authorization header, for downloads that bypass `request` (images, posters). */
export function staffAuthHeader(): Record<string, string> {
  return bearerHeader(staffSession);
}

/**
 * Calls the BFF with the staff token, never the resident's. A refused token
 * is forgotten so that the screens send the staff member back to the login page.
 */
export async function staffRequest<T>(options: Omit<RequestOptions, 'token'>): Promise<T> {
  try {
    return await request<T>({ ...options, token: staffSession.token() });
  } catch (error) {
    if (isSessionError(error)) staffLogOut();
    throw error;
  }
}

/** The queue's filters, sort and page; `after` is the `next` token of the page before. */
export type QueueParams = Partial<Omit<QueueQuery, 'after'>> & { after?: string };

// Query parameters go out as text; empty filters are left out rather than sent blank.
function queryOf(params: Record<string, string | number | undefined>): Record<string, string | number> {
  const query: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') query[key] = value;
  }
  return query;
}

/**
 * A page of the review queue with the given filters, search and sort; the
 * answer's `next`, sent back as `after`, gives the page after it. Sent as a
 * POST body: the search may be a full ID or mobile number, which must not
 * travel in an address.
 */
export function listQueue(params: QueueParams = {}): Promise<QueueResponse> {
  return staffRequest<QueueResponse>({ path: '/api/admin/applications/search', method: 'POST', data: queryOf(params) });
}

/** One application as staff see it, with the viewer's possible actions. */
export function getStaffApplication(id: string): Promise<StaffApplication> {
  return staffRequest<StaffApplication>({ path: `/api/admin/applications/${encodeURIComponent(id)}` });
}

/** The applicant's full ID number; the BFF writes the reason to its audit log first. */
export async function revealIdNumber(id: string, reason: string): Promise<string> {
  const { idNumber } = await staffRequest<{ idNumber: string }>({
    method: 'POST',
    path: `/api/admin/applications/${encodeURIComponent(id)}/reveal-id`,
    data: { reason },
  });
  return idNumber;
}

/** The applicant's full mobile, to phone them; the BFF writes the reason to its audit log first. */
export async function revealMobile(id: string, reason: string): Promise<string> {
  const { mobile } = await staffRequest<{ mobile: string }>({
    method: 'POST',
    path: `/api/admin/applications/${encodeURIComponent(id)}/reveal-mobile`,
    data: { reason },
  });
  return mobile;
}

/** Takes one step of the application's state machine; answers the application after it. */
export function transitionApplication(id: string, body: TransitionRequestBody): Promise<StaffApplication> {
  return staffRequest<StaffApplication>({
    method: 'POST',
    path: `/api/admin/applications/${encodeURIComponent(id)}/transitions`,
    data: { ...body },
  });
}

/** Figures over the applications the viewer may see. */
export function getStats(params: StatsQuery = {}): Promise<StatsResponse> {
  return staffRequest<StatsResponse>({ path: '/api/admin/stats', data: queryOf(params) });
}

const programsByKind = new Map<ProgramKind, Promise<Program[]>>();

/** The programmes of a kind, closed ones too (material names, loan limits); asked for once per launch. */
export function listStaffPrograms(kind: ProgramKind): Promise<Program[]> {
  const cached = programsByKind.get(kind);
  if (cached) return cached;
  const loading = staffRequest<{ items: Program[] }>({ path: '/api/admin/programs', data: { kind } }).then(
    ({ items }) => items,
    (error: unknown) => {
      programsByKind.delete(kind);
      throw error;
    },
  );
  programsByKind.set(kind, loading);
  return loading;
}

/** Forgets the programmes asked for, after the catalog changed (a programme created, edited or closed). */
export function forgetStaffPrograms(): void {
  programsByKind.clear();
}

/**
 * Opens a material attached to a record the staff member may see, for
 * checking it: downloads it from `path` with the staff token, then shows it
 * with the platform's viewer (images) or document opener (PDF).
 */
export async function openStaffMaterial(path: string, material: Pick<Material, 'id' | 'contentType'>): Promise<void> {
  const { tempFilePath, statusCode } = await Taro.downloadFile({
    url: `${API_BASE_URL}${path}/materials/${encodeURIComponent(material.id)}`,
    header: bearerHeader(staffSession),
  });
  if (statusCode === 401) staffLogOut();
  if (statusCode !== 200) throw new ApiError(statusCode === 404 ? 'NOT_FOUND' : 'INTERNAL', '材料暂时打不开，请稍后再试', statusCode);
  if (material.contentType === 'application/pdf') {
    await Taro.openDocument({ filePath: tempFilePath, fileType: 'pdf' });
    return;
  }
  await Taro.previewImage({ urls: [tempFilePath], current: tempFilePath });
}

/** Opens a material attached to an application. */
export function openApplicationMaterial(applicationId: string, material: Pick<Material, 'id' | 'contentType'>): Promise<void> {
  return openStaffMaterial(`/api/admin/applications/${encodeURIComponent(applicationId)}`, material);
}
