import { useEffect, useState } from 'react';

/** A desk's screen: the staff console lays its lists out as tables with the filters beside them from this width. */
export const WIDE_SCREEN_QUERY = '(min-width: 1024px)';

function matches(): boolean {
  return typeof window !== 'undefined' && typeof window.matchMedia === 'function' && window.matchMedia(WIDE_SCREEN_QUERY).matches;
}

/** True in a browser at least 1024 CSS px wide, following the window as it is resized. */
export function useWideScreen(): boolean {
  const [wide, setWide] = useState(matches);
  useEffect(() => {
    if (typeof window === 'undefined' || typeof window.matchMedia !== 'function') return undefined;
    const query = window.matchMedia(WIDE_SCREEN_QUERY);
    const follow = () => setWide(query.matches);
    query.addEventListener('change', follow);
    follow();
    return () => query.removeEventListener('change', follow);
  }, []);
  return wide;
}
