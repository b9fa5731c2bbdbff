import Taro from '@tarojs/taro';

/** WeChat's own default font size; its "我 → 设置 → 字体大小" setting reports more when enlarged. */
const DEFAULT_PX = 16;

/** True when the person has asked WeChat for larger text. */
export function prefersLargeText(): boolean {
  try {
    const { fontSizeSetting } = Taro.getSystemInfoSync();
    return typeof fontSizeSetting === 'number' && fontSizeSetting > DEFAULT_PX;
  } catch {
    return false;
  }
}
