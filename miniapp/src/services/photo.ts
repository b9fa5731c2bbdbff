import Taro from '@tarojs/taro';

/** A photo taken or chosen for upload: a temporary path (WeChat) or blob URL (H5), and the H5 file name. */
export interface PickedPhoto {
  filePath: string;
  fileName?: string;
}

/** Lets the user take or choose one photo; null when they close the picker. */
export async function choosePhoto(): Promise<PickedPhoto | null> {
  let picked: Taro.chooseImage.SuccessCallbackResult;
  try {
    picked = await Taro.chooseImage({ count: 1, sizeType: ['compressed'], sourceType: ['album', 'camera'] });
  } catch {
    return null;
  }
  const file = picked.tempFiles[0];
  const filePath = file?.path ?? picked.tempFilePaths[0];
  return filePath ? { filePath, fileName: file?.originalFileObj?.name } : null;
}
