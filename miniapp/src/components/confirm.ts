import Taro from '@tarojs/taro';

// --color-danger of app.scss: a choice that cannot be undone is red, not WeChat's green (UX review 20).
const DANGER_COLOR = '#c62828';

/** Asks before something that cannot be undone (撤回, 退出登录), with the red button's and the other's words; true when confirmed. */
export async function confirmDestructive(title: string, content: string, [confirmText, cancelText]: [string, string]): Promise<boolean> {
  const { confirm } = await Taro.showModal({ title, content, confirmText, cancelText, confirmColor: DANGER_COLOR });
  return confirm;
}
