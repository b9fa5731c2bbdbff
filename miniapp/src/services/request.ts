import { ERRORS, type ErrorCode, type FieldErrors } from '@minsheng/shared/errors';
import Taro from '@tarojs/taro';
import { bearerHeader, residentSession, type SessionStore } from './session';

const TIMEOUT_MS = 15_000;
// Photos from older phones on a slow network.
const UPLOAD_TIMEOUT_MS = 60_000;
const MAX_RETRIES = 2;
const BACKOFF_MS = 500;

// What Taro.request hands back: parsed JSON, or the text when it was not JSON.
type ResponseBody = TaroGeneral.IAnyObject | string;

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RequestOptions {
  method?: Method;
  /** Path on the BFF, starting with `/`. */
  path: string;
  /** Query parameters for GET, the JSON body otherwise. */
  data?: Record<string, unknown> | unknown[];
  /**
   * One key per logical submission: pass the same key when the resident submits
   * the same form again after a failure. Generated per call when left out.
   */
  idempotencyKey?: string;
  /**
   * The bearer token to send instead of the resident's stored one (staff
   * screens send the staff token); an empty string sends none.
   */
  token?: string;
}

/** An error answer of the BFF (`{ error: { code, message, fields } }`), or a bare HTTP error status. */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly status: number,
    readonly fields: FieldErrors = {},
    /** Code-specific facts, e.g. the existing application of a DUPLICATE_APPLICATION. */
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/** The fields a VALIDATION_FAILED answer names, to show beside the form's fields; null for any other failure, or one naming none. */
export function refusedFields(error: unknown): FieldErrors | null {
  return error instanceof ApiError && error.code === 'VALIDATION_FAILED' && Object.keys(error.fields).length > 0 ? error.fields : null;
}

/** The BFF could not be reached, even after retrying. */
export class NetworkError extends Error {
  override readonly name = 'NetworkError';

  constructor(cause: unknown) {
    super('网络连接失败，请检查网络后重试', { cause });
  }
}

/** A fresh key for one logical submission (a random UUID; mini-programs have no crypto.randomUUID). */
export function newIdempotencyKey(): string {
  return 'xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx'.replace(/[xy]/g, (char) => {
    const nibble = Math.floor(Math.random() * 16);
    return (char === 'x' ? nibble : (nibble & 0x3) | 0x8).toString(16);
  });
}

/**
 * Calls the BFF and returns the JSON body of a 2xx answer. Throws `ApiError` for
 * an error answer and `NetworkError` when no answer came after two retries.
 */
export async function request<T>({ method = 'GET', path, data, idempotencyKey, token }: RequestOptions): Promise<T> {
  const header = baseHeader(token);
  if (method !== 'GET') {
    header['Content-Type'] = 'application/json';
    // Fixed before the first attempt so that the BFF sees retries as one submission.
    header['Idempotency-Key'] = idempotencyKey ?? newIdempotencyKey();
  }

  for (let attempt = 0; ; attempt += 1) {
    let response: Taro.request.SuccessCallbackResult<ResponseBody>;
    try {
      response = await Taro.request<ResponseBody>({
        url: `${API_BASE_URL}${path}`,
        method,
        data,
        header,
        timeout: TIMEOUT_MS,
        dataType: 'json',
      });
    } catch (cause) {
      if (attempt >= MAX_RETRIES) throw new NetworkError(cause);
      await sleep(BACKOFF_MS * 2 ** attempt);
      continue;
    }
    if (response.statusCode >= 200 && response.statusCode < 300) return response.data as T;
    throw toApiError(response.statusCode, response.data);
  }
}

export interface UploadOptions {
  /** Path on the BFF, starting with `/`. */
  path: string;
  /** A local temporary file path (WeChat) or blob URL (H5), as `Taro.chooseImage` gives it. */
  filePath: string;
  /** The multipart field holding the file. */
  name: string;
  /** Other multipart fields. */
  formData?: Record<string, string>;
  /** The file name to send; only H5 lets us choose it, WeChat names the file after its path. */
  fileName?: string;
  /** Called with 0-100 as the bytes go out. */
  onProgress?: (percent: number) => void;
  /** The bearer token to send instead of the resident's stored one (staff upload for a resident). */
  token?: string;
}

/**
 * Uploads one file as multipart/form-data and returns the JSON body of a 2xx
 * answer. Throws like `request`, without retrying: the resident sees the
 * failure and taps the button again.
 */
export async function upload<T>({ path, filePath, name, formData, fileName, onProgress, token }: UploadOptions): Promise<T> {
  const task = Taro.uploadFile({
    url: `${API_BASE_URL}${path}`,
    filePath,
    name,
    formData,
    header: baseHeader(token),
    timeout: UPLOAD_TIMEOUT_MS,
    // H5 only: Taro's H5 upload sends cookies by default, which the BFF's CORS does not allow (it uses bearer tokens).
    withCredentials: false,
    ...(fileName ? { fileName } : {}),
  });
  if (onProgress) task.onProgressUpdate(({ progress }) => onProgress(progress));
  let response: Taro.uploadFile.SuccessCallbackResult;
  try {
    response = await task;
  } catch (cause) {
    throw new NetworkError(cause);
  }
  const body = parseJson(response.data);
  if (response.statusCode >= 200 && response.statusCode < 300) return body as T;
  throw toApiError(response.statusCode, body);
}

/**
 * 退出登录 of either session: forgets the token on the phone, then ends it on
 * the BFF (`logoutPath`), so the old token opens nothing even if a copy
 * survives. An unreachable BFF does not keep anyone signed in on this device.
 */
export async function endSession(session: SessionStore, logoutPath: string): Promise<void> {
  const token = session.token();
  session.clear();
  if (token) await request<unknown>({ method: 'POST', path: logoutPath, token }).catch(() => undefined);
}

function baseHeader(token?: string): Record<string, string> {
  const bearer = token === undefined ? bearerHeader(residentSession) : token !== '' ? { Authorization: `Bearer ${token}` } : {};
  return { Accept: 'application/json', ...bearer };
}

// uploadFile hands back the body as text, whatever its type.
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function toApiError(status: number, body: unknown): ApiError {
  const error = isRecord(body) && isRecord(body.error) ? body.error : undefined;
  if (error && isErrorCode(error.code) && typeof error.message === 'string') {
    const fields = isRecord(error.fields) ? (error.fields as FieldErrors) : {};
    const details = isRecord(error.details) ? error.details : {};
    return new ApiError(error.code, error.message, status, fields, details);
  }
  // Not the BFF's shape: a proxy's error page, or a code newer than this build.
  const code = codeForStatus(status);
  return new ApiError(code, ERRORS[code].message, status);
}

function codeForStatus(status: number): ErrorCode {
  const codes = Object.keys(ERRORS) as ErrorCode[];
  return codes.find((code) => ERRORS[code].status === status) ?? 'INTERNAL';
}

function isErrorCode(value: unknown): value is ErrorCode {
  // Object.hasOwn is missing on older iOS WeChat engines.
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(ERRORS, value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
