import Taro, { usePullDownRefresh } from '@tarojs/taro';

/** Pulling the screen down loads it again (`reload`), and the spinner is put away at once. */
export function usePullToRefresh(reload: () => void): void {
  usePullDownRefresh(() => {
    reload();
    void Taro.stopPullDownRefresh();
  });
}
