import { ApiError } from './request';
import { staffAuthHeader, staffLogOut } from './staff';
import type { StaffFilesModule } from './staffFiles.types';

/** The file the BFF serves at `path` to staff, as a blob; throws ApiError like `request`. */
export async function fetchStaffFile(path: string): Promise<Blob> {
  const res = await fetch(`${API_BASE_URL}${path}`, { headers: staffAuthHeader() });
  if (res.status === 401) {
    staffLogOut();
    throw new ApiError('UNAUTHENTICATED', '登录已过期，请重新登录', 401);
  }
  if (res.status === 404) throw new ApiError('NOT_FOUND', '没有找到这个链接', 404);
  if (!res.ok) throw new ApiError('SERVICE_UNAVAILABLE', '文件暂时下载不了，请稍后再试', res.status);
  return res.blob();
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

export const savePoster: StaffFilesModule['savePoster'] = async (path, fileName) => {
  const url = URL.createObjectURL(await fetchStaffFile(path));
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = fileName;
  document.body.appendChild(anchor);
  anchor.click();
  anchor.remove();
  // The browser has taken the file once the click is handled.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
};

/** The H5 build knows its own address; the link's path is relative to where index.html is served. */
export const linkH5Address: StaffFilesModule['linkH5Address'] = (link) =>
  `${window.location.origin}${window.location.pathname}${link.h5Url.replace(/^\//, '')}`;
