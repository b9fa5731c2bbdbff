import type { TokenResponse } from '@minsheng/shared';
import { ERRORS } from '@minsheng/shared/errors';
import Taro from '@tarojs/taro';
import { attributePendingLink } from './firstTouch';
import { loginCode, requestedIdentity } from './login';
import { ApiError, endSession, request, type RequestOptions } from './request';
import { residentSession } from './session';
// Log in again a little before the token runs out rather than fail a submission halfway.
const EXPIRY_MARGIN_MS = 60_000;
/** Set by 退出登录 until the resident taps 登录: while it is set, nothing logs in on its own. */
const SIGNED_OUT_KEY = 'minsheng.signedOut';

let pendingLogin: Promise<void> | null = null;

/** Logs in (wx.login in WeChat, a development name in H5) and keeps the token on the phone. */
export async function logIn(): Promise<void> {
  const code = await loginCode();
  const { token, expiresAt } = await request<TokenResponse>({ method: 'POST', path: '/api/auth/wechat', data: { code } });
  residentSession.save({ token, expiresAt }, requestedIdentity() ?? '');
  // Settled before the call that needed the login, so a first application already carries the link.
  // A failure must not fail the login: the link stays pending for the next login or link open.
  await attributePendingLink(token).catch(() => undefined);
}

/**
 * Switches to a token the BFF handed out for another account of the same
 * person: after joining the record a station officer registered, the old
 * account no longer exists.
 */
export function adoptToken({ token, expiresAt }: TokenResponse): void {
  residentSession.save({ token, expiresAt });
}

/** Forgets the stored token. */
export function logOut(): void {
  residentSession.clear();
}

/** True when a token is stored that is neither expired nor someone else's. */
export function hasSession(now: Date = new Date()): boolean {
  const session = residentSession.current(now, EXPIRY_MARGIN_MS);
  if (!session) return false;
  const wanted = requestedIdentity();
  return wanted === null || session.about === wanted;
}

/** True after 退出登录, until the resident logs in again with 登录. */
export function isSignedOut(): boolean {
  return Taro.getStorageSync(SIGNED_OUT_KEY) === true;
}

/**
 * 退出登录: ends the token on the BFF (POST /api/auth/logout) and forgets it,
 * and keeps the resident signed out: a later call answers 请先登录 instead of
 * logging in again by itself (WeChat would hand out a new token for the same
 * person without asking).
 */
export function signOut(): Promise<void> {
  Taro.setStorageSync(SIGNED_OUT_KEY, true);
  return endSession(residentSession, '/api/auth/logout');
}

/** 登录 after 退出登录: the resident asked for it, so calls may log in again from now on. */
export async function signIn(): Promise<void> {
  Taro.removeStorageSync(SIGNED_OUT_KEY);
  await ensureSession();
}

/** Logs in unless a usable token is stored; parallel callers share one login. Refuses (401) while signed out. */
export async function ensureSession(): Promise<void> {
  if (hasSession()) return;
  if (isSignedOut()) throw new ApiError('UNAUTHENTICATED', ERRORS.UNAUTHENTICATED.message, 401);
  pendingLogin ??= logIn().finally(() => {
    pendingLogin = null;
  });
  await pendingLogin;
}

/**
 * Runs a call that needs the resident's token: logs in first when needed, and
 * once more if the BFF says the token is no longer good (expired, or the
 * server's key changed).
 */
export async function withSession<T>(call: () => Promise<T>): Promise<T> {
  await ensureSession();
  try {
    return await call();
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 401) throw error;
    logOut();
    await ensureSession();
    return call();
  }
}

/** `request` with the resident's token. */
export function residentRequest<T>(options: RequestOptions): Promise<T> {
  return withSession(() => request<T>(options));
}
