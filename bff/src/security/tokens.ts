import { createHash, randomUUID } from 'node:crypto';
import { SignJWT, errors as joseErrors, jwtVerify } from 'jose';
import { tokenExpired, unauthenticated } from '../errors';

/** Residents and staff get tokens of different audiences: neither opens the other's routes. */
export type Audience = 'resident' | 'staff';

export interface TokenClaims {
  sub: string;
  aud: Audience;
  /** Staff: the account's token generation; bumped when disabled or re-roled. */
  gen?: number;
  /**
   * What names this token in the revocation list: its `jti`, or for a token issued before tokens had one,
   * a hash of its text.
   */
  id: string;
  /** When the token stops working by itself (its `exp`). */
  expiresAt: Date;
}

export interface TokenService {
  issue(sub: string, aud: Audience, extra?: { gen?: number }): Promise<{ token: string; expiresAt: Date }>;
  verify(token: string, aud: Audience): Promise<TokenClaims>;
}

const ISSUER = 'minsheng';

/** How many verified tokens a process remembers; the oldest is forgotten first. */
const VERIFIED_MAX = 20_000;

export function createTokenService(secret: string, ttlSeconds: Record<Audience, number>): TokenService {
  const key = new TextEncoder().encode(secret);
  // Tokens this service has verified, by their exact text, until they expire: a phone sends the same token
  // with every request, and checking its HMAC through WebCrypto was a tenth of a submission's CPU. Only
  // tokens that passed every check are kept; any other text, or another audience, is checked in full.
  const verified = new Map<string, { claims: TokenClaims; expiresAtMs: number }>();
  const remember = (token: string, claims: TokenClaims, expSeconds: number) => {
    if (verified.size >= VERIFIED_MAX) verified.delete(verified.keys().next().value as string);
    verified.set(token, { claims, expiresAtMs: expSeconds * 1000 });
  };
  return {
    async issue(sub, aud, extra) {
      const expiresAt = new Date(Date.now() + ttlSeconds[aud] * 1000);
      const token = await new SignJWT(extra?.gen !== undefined ? { gen: extra.gen } : {})
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(sub)
        .setAudience(aud)
        .setIssuer(ISSUER)
        .setIssuedAt()
        .setJti(randomUUID())
        .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
        .sign(key);
      return { token, expiresAt };
    },
    async verify(token, aud) {
      const known = verified.get(token);
      if (known && known.claims.aud === aud) {
        // jose's rule: a token is expired from its `exp` second on.
        if (Date.now() < known.expiresAtMs) return known.claims;
        verified.delete(token);
        throw tokenExpired();
      }
      try {
        const { payload } = await jwtVerify(token, key, { audience: aud, issuer: ISSUER, algorithms: ['HS256'] });
        if (typeof payload.sub !== 'string' || typeof payload.exp !== 'number') throw unauthenticated();
        const gen = typeof payload.gen === 'number' ? payload.gen : undefined;
        const id = typeof payload.jti === 'string' ? payload.jti : createHash('sha256').update(token).digest('base64url');
        const claims: TokenClaims = {
          sub: payload.sub,
          aud,
          id,
          expiresAt: new Date(payload.exp * 1000),
          ...(gen !== undefined ? { gen } : {}),
        };
        remember(token, claims, payload.exp);
        return claims;
      } catch (err) {
        if (err instanceof joseErrors.JWTExpired) throw tokenExpired();
        throw unauthenticated();
      }
    },
  };
}
