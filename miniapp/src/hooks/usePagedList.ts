import { useCallback, useEffect, useRef, useState } from 'react';

/** One page of a list the BFF pages by cursor: `next`, sent back as `after`, gives the following page. */
export interface Paged<T> {
  items: T[];
  total: number;
  page: number;
  next: string | null;
}

/** Which page to load: the first, or the one after the `next` cursor of the last page shown. */
export interface PageAsk {
  page: number;
  after?: string;
}

export interface PagedList<T> {
  /** Every page shown so far, in order. */
  items: T[];
  total: number;
  /** The last page shown; 0 before the first answer. */
  page: number;
  /** Where the page after the last one shown starts; null when none follows. */
  next: string | null;
  loading: boolean;
  error: unknown;
}

export interface PagedListControls<T> {
  list: PagedList<T>;
  /** Loads the first page, replacing what is shown. */
  reload: () => void;
  /** Appends the page after the last one shown; nothing when none follows. */
  loadMore: () => void;
  /** Asks again for the page last asked for (after a failure). */
  retry: () => void;
}

const FIRST: PageAsk = { page: 1 };

/**
 * A list shown page by page, the later pages appended ("加载更多"). Only the
 * answer to the latest ask counts: a late page for filters since changed is
 * dropped. A failed first page clears the list, so nothing shown contradicts
 * the filters; a failed later page keeps the pages shown. `fetchPage` is
 * called again (from `reload`) only when the caller changes it, so it should
 * be memoised on what it depends on; loading starts when the caller calls
 * `reload`.
 */
export function usePagedList<T>(fetchPage: (ask: PageAsk) => Promise<Paged<T>>): PagedListControls<T> {
  const [list, setList] = useState<PagedList<T>>({ items: [], total: 0, page: 0, next: null, loading: true, error: null });
  const asked = useRef<PageAsk>(FIRST);
  const latest = useRef(0);

  const load = useCallback(
    (ask: PageAsk) => {
      const call = ++latest.current;
      const first = !ask.after;
      asked.current = ask;
      setList((current) => ({ ...current, loading: true, error: null }));
      fetchPage(ask).then(
        (answer) => {
          if (call !== latest.current) return;
          setList((current) => ({
            items: first ? answer.items : [...current.items, ...answer.items],
            total: answer.total,
            page: answer.page,
            next: answer.next,
            loading: false,
            error: null,
          }));
        },
        (error: unknown) => {
          if (call !== latest.current) return;
          setList((current) =>
            first ? { items: [], total: 0, page: 0, next: null, loading: false, error } : { ...current, loading: false, error },
          );
        },
      );
    },
    [fetchPage],
  );

  // A late answer for a screen that is gone is dropped.
  useEffect(
    () => () => {
      latest.current += 1;
    },
    [],
  );

  const reload = useCallback(() => load(FIRST), [load]);
  const retry = useCallback(() => load(asked.current), [load]);
  const { page, next } = list;
  const loadMore = useCallback(() => {
    if (next !== null) load({ page: page + 1, after: next });
  }, [load, page, next]);

  return { list, reload, loadMore, retry };
}
