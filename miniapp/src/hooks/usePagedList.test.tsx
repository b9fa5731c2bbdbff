import { act, renderHook, waitFor } from '@testing-library/react';
import { usePagedList, type PageAsk, type Paged } from './usePagedList';

/** Pages of `size` numbers out of 0..total-1, the cursor being the first number of the next page. */
function numbers(total: number, size: number) {
  const asks: PageAsk[] = [];
  const fetchPage = async (ask: PageAsk): Promise<Paged<number>> => {
    asks.push(ask);
    const start = ask.after === undefined ? 0 : Number(ask.after);
    const end = Math.min(start + size, total);
    return {
      items: Array.from({ length: end - start }, (_, i) => start + i),
      total,
      page: ask.page,
      next: end < total ? String(end) : null,
    };
  };
  return { fetchPage, asks };
}

describe('usePagedList', () => {
  it('appends each following page by its cursor until none follows', async () => {
    const { fetchPage, asks } = numbers(5, 2);
    const { result } = renderHook(() => usePagedList(fetchPage));

    act(() => result.current.reload());
    await waitFor(() => expect(result.current.list.items).toEqual([0, 1]));
    act(() => result.current.loadMore());
    await waitFor(() => expect(result.current.list.items).toEqual([0, 1, 2, 3]));
    act(() => result.current.loadMore());
    await waitFor(() => expect(result.current.list.items).toEqual([0, 1, 2, 3, 4]));
    act(() => result.current.loadMore());

    expect(result.current.list).toMatchObject({ total: 5, page: 3, next: null, loading: false, error: null });
    expect(asks).toEqual([{ page: 1 }, { page: 2, after: '2' }, { page: 3, after: '4' }]);
  });

  it('keeps the pages shown when a later page fails, and asks for that page again on retry', async () => {
    const { fetchPage, asks } = numbers(5, 2);
    let failNext = false;
    const flaky = async (ask: PageAsk) => {
      if (failNext) {
        failNext = false;
        asks.push(ask);
        throw new Error('offline');
      }
      return fetchPage(ask);
    };
    const { result } = renderHook(() => usePagedList(flaky));
    act(() => result.current.reload());
    await waitFor(() => expect(result.current.list.items).toEqual([0, 1]));

    failNext = true;
    act(() => result.current.loadMore());
    await waitFor(() => expect(result.current.list.error).toEqual(new Error('offline')));
    expect(result.current.list.items).toEqual([0, 1]);

    act(() => result.current.retry());
    await waitFor(() => expect(result.current.list.items).toEqual([0, 1, 2, 3]));
    expect(asks.slice(1)).toEqual([
      { page: 2, after: '2' },
      { page: 2, after: '2' },
    ]);
  });

  it('clears the list when the first page fails', async () => {
    let fail = false;
    const { fetchPage } = numbers(3, 2);
    const { result } = renderHook(() =>
      usePagedList(async (ask: PageAsk) => {
        if (fail) throw new Error('offline');
        return fetchPage(ask);
      }),
    );
    act(() => result.current.reload());
    await waitFor(() => expect(result.current.list.items).toEqual([0, 1]));

    fail = true;
    act(() => result.current.reload());

    await waitFor(() => expect(result.current.list.error).toEqual(new Error('offline')));
    expect(result.current.list).toMatchObject({ items: [], total: 0, page: 0, next: null, loading: false });
  });

  it('drops the late answer to an earlier ask', async () => {
    let finishFirst: (page: Paged<string>) => void = () => undefined;
    const fetchFor = (kind: string) => (): Promise<Paged<string>> =>
      kind === 'loan'
        ? new Promise((resolve) => (finishFirst = resolve))
        : Promise.resolve({ items: [`a ${kind}`], total: 1, page: 1, next: null });
    const { result, rerender } = renderHook(({ fetchPage }) => usePagedList(fetchPage), {
      initialProps: { fetchPage: fetchFor('loan') },
    });
    act(() => result.current.reload());

    rerender({ fetchPage: fetchFor('stall') });
    act(() => result.current.reload());
    await waitFor(() => expect(result.current.list.items).toEqual(['a stall']));
    await act(async () => finishFirst({ items: ['a loan'], total: 1, page: 1, next: null }));

    expect(result.current.list.items).toEqual(['a stall']);
  });
});
