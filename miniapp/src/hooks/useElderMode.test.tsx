import { renderHook } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { setElderMode, useElderMode } from './useElderMode';

const KEY = 'minsheng.elderMode';

/** The browser's answer for the person's text size setting (jsdom computes no keyword sizes). */
function browserTextSize(px: number) {
  jest.spyOn(window, 'getComputedStyle').mockReturnValue({ fontSize: `${px}px` } as CSSStyleDeclaration);
}

afterEach(() => {
  Taro.removeStorageSync(KEY);
  jest.restoreAllMocks();
});

describe('useElderMode', () => {
  it('is off by default at the platform’s normal text size', () => {
    browserTextSize(16);
    const { result } = renderHook(() => useElderMode());
    expect(result.current).toBe(false);
  });

  it('follows an enlarged system text size until the person chooses', () => {
    browserTextSize(22);
    const { result } = renderHook(() => useElderMode());
    expect(result.current).toBe(true);
  });

  it('keeps the person’s own choice over the system text size', () => {
    browserTextSize(22);
    setElderMode(false);
    const { result } = renderHook(() => useElderMode());
    expect(result.current).toBe(false);
  });
});
