import { renderHook } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { setElderMode, useElderMode } from './useElderMode'

const KEY = 'minsheng.elderMode'

afterEach(() => {
  Taro.removeStorageSync(KEY)
  document.documentElement.style.fontSize = ''
})

describe('useElderMode', () => {
  it('is off by default at the platform’s normal text size', () => {
    const { result } = renderHook(() => useElderMode())
    expect(result.current).toBe(false)
  })

  it('follows an enlarged system text size until the person chooses', () => {
    document.documentElement.style.fontSize = '22px'
    const { result } = renderHook(() => useElderMode())
    expect(result.current).toBe(true)
  })

  it('keeps the person’s own choice over the system text size', () => {
    document.documentElement.style.fontSize = '22px'
    setElderMode(false)
    const { result } = renderHook(() => useElderMode())
    expect(result.current).toBe(false)
  })
})
