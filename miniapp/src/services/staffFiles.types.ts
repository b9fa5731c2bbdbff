import type { Link } from '@minsheng/shared';

/** The formats of an export a platform can keep: a browser saves either, WeChat's viewer opens no CSV. */
export type DownloadFormat = 'xlsx' | 'csv';

/** What each platform's staff file module offers (staffFiles.weapp.ts, staffFiles.h5.ts). */
export interface StaffFilesModule {
  /** A local address an `<Image>` can show, for an image the BFF serves only with the staff token (a link's code). */
  loadStaffImage: (path: string) => Promise<string>;
  /**
   * Keeps a poster: in WeChat the PNG goes to the photo album and the PDF
   * opens in WeChat's viewer (to forward or print); a browser downloads either.
   */
  savePoster: (path: string, fileName: string, kind: 'png' | 'pdf') => Promise<void>;
  /**
   * Keeps a download staff asked for (the export of the queue): a browser saves the file under `fileName`; WeChat
   * opens it in its viewer, from which it is forwarded or saved. `onProgress` hears the bytes received so far.
   */
  saveStaffDownload: (path: string, fileName: string, onProgress: (bytes: number) => void) => Promise<void>;
  /** The export formats this platform keeps, the first the default. */
  DOWNLOAD_FORMATS: readonly DownloadFormat[];
  /** The full H5 address of a link, to paste into a group chat or a browser. */
  linkH5Address: (link: Pick<Link, 'h5Url'>) => string;
}
