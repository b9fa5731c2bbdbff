/** What each platform's login module offers (login.weapp.ts, login.h5.ts). */
export interface LoginModule {
  /** The code POST /api/auth/wechat exchanges for a token. */
  loginCode: () => Promise<string>;
  /**
   * Who is asked for, where the platform can tell before logging in; a stored
   * token for someone else is then dropped. Null when only the server knows.
   */
  requestedIdentity: () => string | null;
}
