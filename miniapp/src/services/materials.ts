import type { Material } from '@minsheng/shared';
import { withSession } from './auth';
import { upload } from './request';

export interface UploadMaterialOptions {
  filePath: string;
  /** The programme's material code this file answers (`id_card`, …). */
  purpose: string;
  fileName?: string;
  onProgress?: (percent: number) => void;
}

/** Uploads one supporting material (photo or PDF) for the resident. */
export function uploadMaterial({ filePath, purpose, fileName, onProgress }: UploadMaterialOptions): Promise<Material> {
  return withSession(() =>
    upload<Material>({ path: '/api/materials', filePath, name: 'file', formData: { purpose }, fileName, onProgress }),
  );
}
