import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { prefersLargeText } from './systemFont';

const STORAGE_KEY = 'minsheng.elderMode';
const CHANGED = 'elderModeChanged';

/** The person's own choice when they made one; until then, what the platform's text size says. */
function readElderMode(): boolean {
  const chosen: unknown = Taro.getStorageSync(STORAGE_KEY);
  if (typeof chosen === 'boolean') return chosen;
  return prefersLargeText();
}

/** Whether elder mode (large text, high contrast) is on; follows changes made on any page. */
export function useElderMode(): boolean {
  const [elder, setElder] = useState(readElderMode);
  useEffect(() => {
    Taro.eventCenter.on(CHANGED, setElder);
    return () => {
      Taro.eventCenter.off(CHANGED, setElder);
    };
  }, []);
  return elder;
}

/** Turns elder mode on or off for every page, and remembers it on this phone. */
export function setElderMode(on: boolean): void {
  Taro.setStorageSync(STORAGE_KEY, on);
  Taro.eventCenter.trigger(CHANGED, on);
}
