import { SignJWT, errors as joseErrors, jwtVerify } from 'jose';
import { tokenExpired, unauthenticated } from '../errors';

/** Residents and staff get tokens of different audiences: neither opens the other's routes. */
export type Audience = 'resident' | 'staff';

export interface TokenClaims {
  sub: string;
  aud: Audience;
  /** Staff: the account's token generation; bumped when disabled or re-roled. */
  gen?: number;
}

export interface TokenService {
  issue(sub: string, aud: Audience, extra?: { gen?: number }): Promise<{ token: string; expiresAt: Date }>;
  verify(token: string, aud: Audience): Promise<TokenClaims>;
}

const ISSUER = 'minsheng';

export function createTokenService(secret: string, ttlSeconds: Record<Audience, number>): TokenService {
  const key = new TextEncoder().encode(secret);
  return {
    async issue(sub, aud, extra) {
      const expiresAt = new Date(Date.now() + ttlSeconds[aud] * 1000);
      const token = await new SignJWT(extra?.gen !== undefined ? { gen: extra.gen } : {})
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(sub)
        .setAudience(aud)
        .setIssuer(ISSUER)
        .setIssuedAt()
        .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
        .sign(key);
      return { token, expiresAt };
    },
    async verify(token, aud) {
      try {
        const { payload } = await jwtVerify(token, key, { audience: aud, issuer: ISSUER, algorithms: ['HS256'] });
        if (typeof payload.sub !== 'string') throw unauthenticated();
        const gen = typeof payload.gen === 'number' ? payload.gen : undefined;
        return { sub: payload.sub, aud, ...(gen !== undefined ? { gen } : {}) };
      } catch (err) {
        if (err instanceof joseErrors.JWTExpired) throw tokenExpired();
        throw unauthenticated();
      }
    },
  };
}
