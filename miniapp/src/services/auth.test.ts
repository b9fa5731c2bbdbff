import type { MeResponse } from '@minsheng/shared';
import Taro from '@tarojs/taro';
import { newResident, uniqueName } from '../testing/bff';
import { ensureSession, hasSession, residentRequest } from './auth';
import { EXPIRES_STORAGE_KEY, TOKEN_STORAGE_KEY } from './session';

// The real BFF answers; Taro.request is only watched, to see what went over the wire.
function watchRequests() {
  const request = jest.spyOn(Taro, 'request');
  return {
    paths: () => request.mock.calls.map(([o]) => o.url.replace(/^https?:\/\/[^/]+/, '')),
    call: (i: number) => request.mock.calls[i]?.[0],
  };
}

const getMe = () => residentRequest<MeResponse>({ path: '/api/me' });

beforeEach(() => {
  Taro.clearStorageSync();
});

afterEach(() => {
  jest.restoreAllMocks();
  window.history.replaceState(null, '', '/');
});

describe('residentRequest', () => {
  it('logs in with a development code first when no token is stored (H5)', async () => {
    const wire = watchRequests();

    await expect(getMe()).resolves.toEqual({ id: expect.any(String), profile: null });

    expect(wire.paths()).toEqual(['/api/auth/wechat', '/api/me']);
    expect(wire.call(0)?.data).toEqual({ code: expect.stringMatching(/^dev:h5-/) });
    const token: unknown = Taro.getStorageSync(TOKEN_STORAGE_KEY);
    expect(token).toEqual(expect.any(String));
    expect(wire.call(1)?.header?.Authorization).toBe(`Bearer ${String(token)}`);
  });

  it('keeps the same resident across logins in one browser', async () => {
    const before = await getMe();
    Taro.removeStorageSync(TOKEN_STORAGE_KEY);

    const after = await getMe();

    expect(after.id).toBe(before.id);
  });

  it('logs in as the resident named by ?dev=', async () => {
    const name = uniqueName();
    window.history.replaceState(null, '', `/?dev=${name}`);
    const wire = watchRequests();

    await ensureSession();

    expect(wire.call(0)?.data).toEqual({ code: `dev:${name}` });
  });

  it('drops a stored token of someone else when ?dev= names another resident', async () => {
    window.history.replaceState(null, '', `/?dev=${uniqueName()}`);
    await ensureSession();

    window.history.replaceState(null, '', `/?dev=${uniqueName()}`);

    expect(hasSession()).toBe(false);
  });

  it('logs in again once when the BFF no longer accepts the token', async () => {
    // A token the BFF never issued, as after its signing key changed.
    const stale = await newResident(null);
    Taro.setStorageSync(TOKEN_STORAGE_KEY, `${stale.token.slice(0, -4)}AAAA`);
    Taro.setStorageSync(EXPIRES_STORAGE_KEY, stale.expiresAt);
    const wire = watchRequests();

    await expect(residentRequest({ path: '/api/applications' })).resolves.toEqual({ items: [] });

    expect(wire.paths()).toEqual(['/api/applications', '/api/auth/wechat', '/api/applications']);
    expect(wire.call(2)?.header?.Authorization).toBe(`Bearer ${String(Taro.getStorageSync(TOKEN_STORAGE_KEY))}`);
  });

  it('treats a token about to expire as gone', () => {
    Taro.setStorageSync(TOKEN_STORAGE_KEY, 't1');
    Taro.setStorageSync(EXPIRES_STORAGE_KEY, '2026-03-01T00:00:30.000Z');

    expect(hasSession(new Date('2026-03-01T00:00:00.000Z'))).toBe(false);
  });

  it('shares one login between parallel calls', async () => {
    const wire = watchRequests();

    await Promise.all([ensureSession(), ensureSession(), ensureSession()]);

    expect(wire.paths()).toEqual(['/api/auth/wechat']);
  });
});
