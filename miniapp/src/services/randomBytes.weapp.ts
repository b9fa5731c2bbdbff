import Taro from '@tarojs/taro';
import type { RandomBytesModule } from './randomBytes.types';

/** WeChat has no Web Crypto: its own secure generator (wx.getRandomValues). */
export const randomBytes: RandomBytesModule['randomBytes'] = async (length) => {
  const { randomValues } = await Taro.getRandomValues({ length });
  return new Uint8Array(randomValues);
};
