import { chinaDate, type ApplicationFilter } from '@minsheng/shared';
import { saveStaffDownload } from './staffFiles';
import type { DownloadFormat } from './staffFiles.types';

/** A workbook everywhere, CSV from a desk browser too (staffFiles' DOWNLOAD_FORMATS). */
export type ExportFormat = DownloadFormat;

/** The file name the download is saved under: 申请导出-2026-12-04.xlsx. */
export function exportFileName(format: ExportFormat, today: Date = new Date()): string {
  return `申请导出-${chinaDate(today)}.${format}`;
}

/**
 * Downloads the applications matching the queue's filters (every figure staff
 * record, ID numbers and mobiles masked) and keeps the file; `onProgress`
 * hears the bytes received so far. The BFF writes the export to its audit log.
 */
export function exportApplications(filter: ApplicationFilter, format: ExportFormat, onProgress: (bytes: number) => void): Promise<void> {
  // Built by hand: WeChat's JavaScript has no URLSearchParams.
  const query = Object.entries({ ...filter, format })
    .filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== '')
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`)
    .join('&');
  return saveStaffDownload(`/api/admin/export?${query}`, exportFileName(format), onProgress);
}
