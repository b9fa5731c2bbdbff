import Taro from '@tarojs/taro'
import { ensureSession, hasSession, residentRequest } from './auth'
import { TOKEN_STORAGE_KEY } from './request'

// Taro.request stands in for the BFF here; request.test.ts covers the wire.
type Call = { url: string; method?: string; header: Record<string, string>; data?: unknown }

let calls: Call[]
let answers: { statusCode: number; data: unknown }[]

beforeEach(() => {
  Taro.clearStorageSync()
  calls = []
  answers = []
  jest.spyOn(Taro, 'request').mockImplementation(((options: Call) => {
    calls.push(options)
    const answer = answers.shift() ?? { statusCode: 500, data: {} }
    return Promise.resolve({ ...answer, header: {}, errMsg: 'request:ok' })
  }) as unknown as typeof Taro.request)
})

afterEach(() => {
  jest.restoreAllMocks()
  window.history.replaceState(null, '', '/')
})

const token = (name: string, expiresAt = '2099-01-01T00:00:00.000Z') => ({ statusCode: 200, data: { token: name, expiresAt } })

describe('residentRequest', () => {
  it('logs in with a development code first when no token is stored (H5)', async () => {
    answers.push(token('t1'), { statusCode: 200, data: { id: 'r1', profile: null } })

    await expect(residentRequest({ path: '/api/me' })).resolves.toEqual({ id: 'r1', profile: null })

    expect(calls[0]?.url).toMatch(/\/api\/auth\/wechat$/)
    expect(calls[0]?.data).toEqual({ code: expect.stringMatching(/^dev:h5-/) })
    expect(calls[1]?.header.Authorization).toBe('Bearer t1')
    expect(Taro.getStorageSync(TOKEN_STORAGE_KEY)).toBe('t1')
  })

  it('keeps the same development name across logins in one browser', async () => {
    answers.push(token('t1'))
    await ensureSession()
    Taro.removeStorageSync(TOKEN_STORAGE_KEY)
    answers.push(token('t2'))
    await ensureSession()

    expect(calls[1]?.data).toEqual(calls[0]?.data)
  })

  it('logs in as the resident named by ?dev=', async () => {
    window.history.replaceState(null, '', '/?dev=alice')
    answers.push(token('t-alice'))

    await ensureSession()

    expect(calls[0]?.data).toEqual({ code: 'dev:alice' })
  })

  it('drops a stored token of someone else when ?dev= names another resident', async () => {
    window.history.replaceState(null, '', '/?dev=alice')
    answers.push(token('t-alice'))
    await ensureSession()

    window.history.replaceState(null, '', '/?dev=bob')

    expect(hasSession()).toBe(false)
  })

  it('logs in again once when the BFF no longer accepts the token', async () => {
    answers.push(
      token('old'),
      { statusCode: 401, data: { error: { code: 'TOKEN_EXPIRED', message: '登录已过期，请重新登录' } } },
      token('new'),
      { statusCode: 200, data: { items: [] } },
    )

    await expect(residentRequest({ path: '/api/applications' })).resolves.toEqual({ items: [] })

    expect(calls.map((c) => c.url.replace(/^https?:\/\/[^/]+/, ''))).toEqual([
      '/api/auth/wechat',
      '/api/applications',
      '/api/auth/wechat',
      '/api/applications',
    ])
    expect(calls[3]?.header.Authorization).toBe('Bearer new')
  })

  it('treats a token about to expire as gone', () => {
    Taro.setStorageSync(TOKEN_STORAGE_KEY, 't1')
    Taro.setStorageSync('minsheng.tokenExpiresAt', '2026-03-01T00:00:30.000Z')

    expect(hasSession(new Date('2026-03-01T00:00:00.000Z'))).toBe(false)
  })

  it('shares one login between parallel calls', async () => {
    answers.push(token('t1'))

    await Promise.all([ensureSession(), ensureSession(), ensureSession()])

    expect(calls).toHaveLength(1)
  })
})
