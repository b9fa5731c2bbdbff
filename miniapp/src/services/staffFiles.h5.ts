import { ApiError } from './request';
import { staffAuthHeader, staffLogOut } from './staff';
import type { StaffFilesModule } from './staffFiles.types';

/** The BFF's answer to staff at `path`, once it is a file; throws ApiError like `request` (a 400 with the BFF's words). */
async function openStaffFile(path: string): Promise<Response> {
  const res = await fetch(`${API_BASE_URL}${path}`, { headers: staffAuthHeader() });
  if (res.status === 401) {
    staffLogOut();
    throw new ApiError('UNAUTHENTICATED', '登录已过期，请重新登录', 401);
  }
  if (res.status === 404) throw new ApiError('NOT_FOUND', '没有找到这个链接', 404);
  if (res.status === 400) {
    const refusal = (await res.json().catch(() => null)) as { error?: { message?: string; fields?: Record<string, string> } } | null;
    const fields = refusal?.error?.fields ?? {};
    throw new ApiError('VALIDATION_FAILED', Object.values(fields)[0] ?? refusal?.error?.message ?? '请求有误', 400, fields);
  }
  if (!res.ok) throw new ApiError('SERVICE_UNAVAILABLE', '文件暂时下载不了，请稍后再试', res.status);
  return res;
}

/** The file the BFF serves at `path` to staff, as a blob; throws ApiError like `request`. */
export async function fetchStaffFile(path: string): Promise<Blob> {
  return (await openStaffFile(path)).blob();
}

/** Hands a file to the browser's download, under `fileName`. */
function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = fileName;
  document.body.appendChild(anchor);
  anchor.click();
  anchor.remove();
  // The browser has taken the file once the click is handled.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

// A data: address rather than an object URL: the image stays on screen as long as the page, with nothing to revoke.
function dataUrlOf(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('could not read the image'));
    reader.readAsDataURL(blob);
  });
}

export const loadStaffImage: StaffFilesModule['loadStaffImage'] = async (path) => dataUrlOf(await fetchStaffFile(path));

export const savePoster: StaffFilesModule['savePoster'] = async (path, fileName) => saveBlob(await fetchStaffFile(path), fileName);

export const DOWNLOAD_FORMATS: StaffFilesModule['DOWNLOAD_FORMATS'] = ['xlsx', 'csv'];

export const saveStaffDownload: StaffFilesModule['saveStaffDownload'] = async (path, fileName, onProgress) => {
  const res = await openStaffFile(path);
  const type = res.headers.get('content-type') ?? 'application/octet-stream';
  // The export streams without a length: progress is told in bytes received.
  const reader = res.body?.getReader();
  if (!reader) return saveBlob(await res.blob(), fileName);
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    received += value.length;
    onProgress(received);
  }
  saveBlob(new Blob(chunks as BlobPart[], { type }), fileName);
};

/** The H5 build knows its own address; the link's path is relative to where index.html is served. */
export const linkH5Address: StaffFilesModule['linkH5Address'] = (link) =>
  `${window.location.origin}${window.location.pathname}${link.h5Url.replace(/^\//, '')}`;
