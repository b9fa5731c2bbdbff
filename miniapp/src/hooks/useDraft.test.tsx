import { act, renderHook } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { useDraft } from './useDraft';

interface Form {
  step: number;
  values: Record<string, string>;
}

const EMPTY: Form = { step: 0, values: {} };

beforeEach(() => {
  Taro.clearStorageSync();
});

describe('useDraft', () => {
  it('restores the draft stored on the phone', () => {
    Taro.setStorageSync('minsheng.draft.apply.p1', { step: 1, values: { businessPlan: '卖早点' } });

    const { result } = renderHook(() => useDraft<Form>('apply.p1', EMPTY));

    expect(result.current.value).toEqual({ step: 1, values: { businessPlan: '卖早点' } });
  });

  it('starts from the initial value when nothing is stored', () => {
    const { result } = renderHook(() => useDraft<Form>('apply.p1', EMPTY));

    expect(result.current.value).toEqual(EMPTY);
  });

  it('stores every change at once', () => {
    const { result } = renderHook(() => useDraft<Form>('apply.p1', EMPTY));

    act(() => result.current.update((current) => ({ values: { ...current.values, plan: '卖' } })));
    act(() => result.current.update({ step: 2 }));

    expect(Taro.getStorageSync('minsheng.draft.apply.p1')).toEqual({ step: 2, values: { plan: '卖' } });
  });

  it('forgets the draft when cleared', () => {
    Taro.setStorageSync('minsheng.draft.apply.p1', { step: 1, values: { plan: '卖' } });
    const { result } = renderHook(() => useDraft<Form>('apply.p1', EMPTY));

    act(() => result.current.clear());

    expect(result.current.value).toEqual(EMPTY);
    expect(Taro.getStorageSync('minsheng.draft.apply.p1')).toBe('');
  });

  it('keeps drafts of different programmes apart', () => {
    Taro.setStorageSync('minsheng.draft.apply.p1', { step: 1, values: { plan: '卖' } });

    const { result } = renderHook(() => useDraft<Form>('apply.p2', EMPTY));

    expect(result.current.value).toEqual(EMPTY);
  });
});
