import Taro from '@tarojs/taro';
import { actAs, newResident, offline, PHOTO_URL, PNG_1X1 } from '../testing/bff';
import { uploadMaterial } from './materials';
import { ApiError, NetworkError } from './request';

beforeAll(async () => {
  Taro.clearStorageSync();
  actAs(await newResident());
});

describe('uploadMaterial', () => {
  it('uploads the file for its purpose under the given name, as the resident', async () => {
    const material = await uploadMaterial({ filePath: PHOTO_URL, purpose: 'id_card', fileName: '身份证.png' });

    expect(material).toMatchObject({
      id: expect.any(String),
      filename: '身份证.png',
      contentType: 'image/png',
      size: PNG_1X1.length,
      purpose: 'id_card',
    });
  });

  it('reports progress from the upload task', async () => {
    const seen: number[] = [];

    await uploadMaterial({ filePath: PHOTO_URL, purpose: 'id_card', onProgress: (p) => seen.push(p) });

    expect(seen.length).toBeGreaterThan(0);
    expect(seen.at(-1)).toBe(100);
  });

  it('turns an error answer into an ApiError with the Chinese message', async () => {
    // Text under a photo's name: the BFF goes by the bytes.
    const text = `data:image/png;base64,${btoa('not a photo at all')}`;

    const error: unknown = await uploadMaterial({ filePath: text, purpose: 'id_card' }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE', status: 415, message: '只能上传 JPG、PNG、WebP 图片或 PDF 文件' });
  });

  it('turns a failed upload into a NetworkError', async () => {
    await offline(async () => {
      await expect(uploadMaterial({ filePath: PHOTO_URL, purpose: 'id_card' })).rejects.toBeInstanceOf(NetworkError);
    });
  });
});
