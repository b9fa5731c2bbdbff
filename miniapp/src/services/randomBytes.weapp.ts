import Taro from '@tarojs/taro';
import type { RandomBytesModule } from './randomBytes.types';

/**
 * WeChat has no Web Crypto: its own secure generator (wx.getRandomValues). Taro passes this API through
 * without making it a promise, so its callbacks are used.
 */
export const randomBytes: RandomBytesModule['randomBytes'] = (length) =>
  new Promise((resolve, reject) => {
    void Taro.getRandomValues({
      length,
      success: ({ randomValues }) => resolve(new Uint8Array(randomValues)),
      fail: ({ errMsg }) => reject(new Error(errMsg)),
    });
  });
