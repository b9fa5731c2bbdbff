import Taro from '@tarojs/taro';

/** A bearer token and when it runs out (an ISO date), as the BFF answered at login. */
export interface StoredToken {
  token: string;
  expiresAt: string;
}

/** Where one kind of session lives on the phone. */
interface SessionKeys {
  token: string;
  expiresAt: string;
  /** What the session remembers besides the token: whose it is (resident) or the account (staff). */
  about: string;
}

/**
 * One kind of session kept on the phone: its token, expiry and one more value.
 * The resident's and the staff member's are kept apart: one phone may hold
 * both, and a resident token opens no staff route (nor the other way round).
 */
export interface SessionStore {
  readonly keys: Readonly<SessionKeys>;
  /** The stored token, or '' when there is none. */
  token(): string;
  /** The stored token, its expiry and the extra value, when a token is stored that runs out more than `marginMs` after `now`. */
  current(now?: Date, marginMs?: number): (StoredToken & { about: unknown }) | null;
  /** Keeps a new token; `about` is left as it was when not given. */
  save(token: StoredToken, about?: unknown): void;
  /** Forgets the session. */
  clear(): void;
}

function sessionStore(keys: SessionKeys): SessionStore {
  const token = (): string => {
    const stored: unknown = Taro.getStorageSync(keys.token);
    return typeof stored === 'string' ? stored : '';
  };
  return {
    keys,
    token,
    current(now = new Date(), marginMs = 0) {
      const stored = token();
      const expiresAt: unknown = Taro.getStorageSync(keys.expiresAt);
      if (stored === '' || typeof expiresAt !== 'string') return null;
      if (!(Date.parse(expiresAt) - marginMs > now.getTime())) return null;
      return { token: stored, expiresAt, about: Taro.getStorageSync(keys.about) };
    },
    save({ token: value, expiresAt }, about) {
      Taro.setStorageSync(keys.token, value);
      Taro.setStorageSync(keys.expiresAt, expiresAt);
      if (about !== undefined) Taro.setStorageSync(keys.about, about);
    },
    clear() {
      Taro.removeStorageSync(keys.token);
      Taro.removeStorageSync(keys.expiresAt);
      Taro.removeStorageSync(keys.about);
    },
  };
}

/** Where the resident's token and its expiry are kept (tests seed sessions there). */
export const TOKEN_STORAGE_KEY = 'minsheng.token';
export const EXPIRES_STORAGE_KEY = 'minsheng.tokenExpiresAt';
/** Where the staff member's token is kept. */
export const STAFF_TOKEN_STORAGE_KEY = 'minsheng.staffToken';

/** The resident's session; `about` is the development identity it was made for (H5's `dev:<name>`, '' in WeChat). */
export const residentSession = sessionStore({
  token: TOKEN_STORAGE_KEY,
  expiresAt: EXPIRES_STORAGE_KEY,
  about: 'minsheng.tokenIdentity',
});

/** The staff member's session; `about` is their account as the login answered it. */
export const staffSession = sessionStore({
  token: STAFF_TOKEN_STORAGE_KEY,
  expiresAt: 'minsheng.staffTokenExpiresAt',
  about: 'minsheng.staffAccount',
});

/** The stored token of a session as an Authorization header; none without a token. */
export function bearerHeader(session: SessionStore): Record<string, string> {
  const token = session.token();
  return token !== '' ? { Authorization: `Bearer ${token}` } : {};
}
