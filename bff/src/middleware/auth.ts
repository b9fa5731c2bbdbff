import type { Next } from 'koa';
import { unauthenticated } from '../errors';
import type { AppContext } from '../http/context';
import type { Access } from '../http/route';
import { requireResidentAccount } from '../modules/residents/service';
import { requireNotRevoked } from '../security/revocation';
import type { TokenClaims } from '../security/tokens';

/** The bearer token of the Authorization header, or undefined. */
export function bearerToken(ctx: AppContext): string | undefined {
  const header = ctx.get('authorization');
  const match = /^Bearer ([A-Za-z0-9._~+/=-]{10,2048})$/.exec(header);
  return match?.[1];
}

/**
 * The claims of a resident token that may still act: signed, not expired, not
 * logged out, and naming a resident that exists (a joined account is removed).
 * Two reads by _id, side by side.
 */
export async function residentClaims(ctx: AppContext, token: string): Promise<TokenClaims> {
  const claims = await ctx.deps.tokens.verify(token, 'resident');
  await Promise.all([requireNotRevoked(claims), requireResidentAccount(claims.sub)]);
  return claims;
}

/** Resolves the caller for routes that need one; staff checks are added by the staff module. */
export function authenticate(access: Access, staffAuth?: (ctx: AppContext, token: string, access: Access) => Promise<TokenClaims>) {
  return async (ctx: AppContext, next: Next): Promise<void> => {
    if (access.kind === 'public') return next();
    const token = bearerToken(ctx);
    if (!token) throw unauthenticated();
    if (access.kind === 'resident') {
      const claims = await residentClaims(ctx, token);
      ctx.state.resident = { id: claims.sub };
      ctx.state.session = { id: claims.id, expiresAt: claims.expiresAt };
      return next();
    }
    if (!staffAuth) throw unauthenticated();
    const claims = await staffAuth(ctx, token, access);
    ctx.state.session = { id: claims.id, expiresAt: claims.expiresAt };
    return next();
  };
}
