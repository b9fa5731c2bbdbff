import Taro, { useDidShow } from '@tarojs/taro';
import { useEffect, useRef } from 'react';

/**
 * A list that reads itself again when shown after `event` fired (a step on
 * a detail page changed one of its items), and not on every return.
 */
export function useReloadWhenChanged(event: string, reload: () => void): void {
  const stale = useRef(false);

  useEffect(() => {
    const markStale = () => {
      stale.current = true;
    };
    Taro.eventCenter.on(event, markStale);
    return () => {
      Taro.eventCenter.off(event, markStale);
    };
  }, [event]);

  useDidShow(() => {
    if (!stale.current) return;
    stale.current = false;
    reload();
  });
}
