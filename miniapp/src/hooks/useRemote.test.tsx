import { act, renderHook, waitFor } from '@testing-library/react';
import { useRemote } from './useRemote';

describe('useRemote', () => {
  it('loads when the screen opens', async () => {
    const { result } = renderHook(() => useRemote(async () => 'data', []));

    expect(result.current.loading).toBe(true);
    await waitFor(() => expect(result.current.data).toBe('data'));
    expect(result.current.loading).toBe(false);
  });

  it('keeps the failure for the screen to show, and loads again on reload', async () => {
    const load = jest.fn().mockRejectedValueOnce(new Error('offline')).mockResolvedValueOnce('data');
    const { result } = renderHook(() => useRemote<string>(load, []));
    await waitFor(() => expect(result.current.error).toEqual(new Error('offline')));

    act(() => result.current.reload());

    await waitFor(() => expect(result.current.data).toBe('data'));
    expect(result.current.error).toBeNull();
  });

  it('loads again when its inputs change, and drops a late answer for the old ones', async () => {
    let finishFirst: (value: string) => void = () => undefined;
    const load = jest.fn((kind: string) =>
      kind === 'loan' ? new Promise<string>((resolve) => (finishFirst = resolve)) : Promise.resolve(`items of ${kind}`),
    );
    const { result, rerender } = renderHook(({ kind }) => useRemote(() => load(kind), [kind]), { initialProps: { kind: 'loan' } });

    rerender({ kind: 'stall' });
    await waitFor(() => expect(result.current.data).toBe('items of stall'));
    await act(async () => finishFirst('items of loan'));

    expect(result.current.data).toBe('items of stall');
  });

  it('takes data handed back by an action', async () => {
    const { result } = renderHook(() => useRemote(async () => 'before', []));
    await waitFor(() => expect(result.current.data).toBe('before'));

    act(() => result.current.set('after'));

    expect(result.current.data).toBe('after');
  });
});
