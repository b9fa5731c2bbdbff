import { useDidShow } from '@tarojs/taro';
import { useCallback, useEffect, useRef, useState } from 'react';

export interface Remote<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
  /** Replaces the data with what an action returned (e.g. the application after a withdrawal). */
  set: (data: T) => void;
}

/**
 * Loads data when the screen opens and whenever `deps` change; with
 * `refreshOnShow`, again each time the screen comes back into view (tab pages,
 * or a page returned to after another changed things).
 */
export function useRemote<T>(load: () => Promise<T>, deps: readonly unknown[], options: { refreshOnShow?: boolean } = {}): Remote<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const latest = useRef(0);
  const shownBefore = useRef(false);

  // `load` is a new closure on every render; `deps` say when it means something new.
  const run = useCallback(load, deps);

  const reload = useCallback(() => {
    const call = ++latest.current;
    setLoading(true);
    run().then(
      (result) => {
        if (call !== latest.current) return;
        setData(result);
        setError(null);
        setLoading(false);
      },
      (failure: unknown) => {
        if (call !== latest.current) return;
        setError(failure);
        setLoading(false);
      },
    );
  }, [run]);

  useEffect(() => {
    reload();
    return () => {
      // A late answer for a screen that is gone is dropped.
      latest.current += 1;
    };
  }, [reload]);

  useDidShow(() => {
    // The first show is the mount, which already loaded.
    if (shownBefore.current && options.refreshOnShow) reload();
    shownBefore.current = true;
  });

  const set = useCallback((next: T) => {
    latest.current += 1;
    setData(next);
    setError(null);
    setLoading(false);
  }, []);

  return { data, error, loading, reload, set };
}
