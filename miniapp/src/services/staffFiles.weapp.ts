import Taro from '@tarojs/taro';
import { ApiError } from './request';
import { staffAuthHeader, staffLogOut } from './staff';
import type { StaffFilesModule } from './staffFiles.types';

// WeChat shows and saves only local files: download with the staff token first.
async function download(path: string): Promise<string> {
  const { tempFilePath, statusCode } = await Taro.downloadFile({ url: `${API_BASE_URL}${path}`, header: staffAuthHeader() });
  if (statusCode === 401) {
    staffLogOut();
    throw new ApiError('UNAUTHENTICATED', '登录已过期，请重新登录', 401);
  }
  if (statusCode === 404) throw new ApiError('NOT_FOUND', '没有找到这个链接', 404);
  if (statusCode !== 200) throw new ApiError('SERVICE_UNAVAILABLE', '文件暂时下载不了，请稍后再试', statusCode);
  return tempFilePath;
}

export const loadStaffImage: StaffFilesModule['loadStaffImage'] = (path) => download(path);

export const savePoster: StaffFilesModule['savePoster'] = async (path, _fileName, kind) => {
  const filePath = await download(path);
  if (kind === 'png') await Taro.saveImageToPhotosAlbum({ filePath });
  else await Taro.openDocument({ filePath, fileType: 'pdf', showMenu: true });
};

export const DOWNLOAD_FORMATS: StaffFilesModule['DOWNLOAD_FORMATS'] = ['xlsx'];

export const saveStaffDownload: StaffFilesModule['saveStaffDownload'] = async (path, _fileName, onProgress) => {
  const task = Taro.downloadFile({ url: `${API_BASE_URL}${path}`, header: staffAuthHeader() });
  task.onProgressUpdate(({ totalBytesWritten }) => onProgress(totalBytesWritten));
  const { tempFilePath, statusCode } = await task;
  if (statusCode === 401) {
    staffLogOut();
    throw new ApiError('UNAUTHENTICATED', '登录已过期，请重新登录', 401);
  }
  if (statusCode !== 200) throw new ApiError('SERVICE_UNAVAILABLE', '文件暂时下载不了，请稍后再试', statusCode);
  // WeChat's viewer opens workbooks, not CSV: the mini-program exports xlsx.
  await Taro.openDocument({ filePath: tempFilePath, fileType: 'xlsx', showMenu: true });
};

export const linkH5Address: StaffFilesModule['linkH5Address'] = (link) => `${H5_BASE_URL}${link.h5Url}`;
