import Taro from '@tarojs/taro';

// --color-danger of app.scss: a choice that cannot be undone is red, not WeChat's green (UX review 20).
const DANGER_COLOR = '#c62828';

/** Asks before something that cannot be undone (撤回, 退出登录); true when the resident confirmed. */
export async function confirmDestructive(options: {
  title: string;
  content: string;
  confirmText: string;
  cancelText: string;
}): Promise<boolean> {
  const { confirm } = await Taro.showModal({ ...options, confirmColor: DANGER_COLOR });
  return confirm;
}
