import Taro from '@tarojs/taro';
import { useCallback, useState } from 'react';

const PREFIX = 'minsheng.draft.';

function readDraft<T extends object>(key: string, initial: T): T {
  const stored: unknown = Taro.getStorageSync(PREFIX + key);
  // A draft from an older build may lack newer fields: the initial value fills them in.
  return typeof stored === 'object' && stored !== null ? { ...initial, ...(stored as Partial<T>) } : initial;
}

export interface Draft<T> {
  value: T;
  /** Merges a change into the draft and stores it at once, so nothing typed is lost if WeChat closes the page. */
  update: (change: Partial<T> | ((current: T) => Partial<T>)) => void;
  /** Forgets the draft (after a successful submission). */
  clear: () => void;
}

/** A form's state kept on the phone as it is typed and restored when the page opens again. */
export function useDraft<T extends object>(key: string, initial: T): Draft<T> {
  const [value, setValue] = useState<T>(() => readDraft(key, initial));

  const update = useCallback<Draft<T>['update']>(
    (change) => {
      setValue((current) => {
        const next = { ...current, ...(typeof change === 'function' ? change(current) : change) };
        Taro.setStorageSync(PREFIX + key, next);
        return next;
      });
    },
    [key],
  );

  const clear = useCallback(() => {
    Taro.removeStorageSync(PREFIX + key);
    setValue(initial);
    // `initial` is a fresh object on every render; the key names the draft.
  }, [key]);

  return { value, update, clear };
}
