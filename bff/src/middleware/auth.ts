import type { Next } from 'koa';
import { unauthenticated } from '../errors';
import type { AppContext } from '../http/context';
import type { Access } from '../http/route';

/** The bearer token of the Authorization header, or undefined. */
export function bearerToken(ctx: AppContext): string | undefined {
  const header = ctx.get('authorization');
  const match = /^Bearer ([A-Za-z0-9._~+/=-]{10,2048})$/.exec(header);
  return match?.[1];
}

/** Resolves the caller for routes that need one; staff checks are added by the staff module. */
export function authenticate(access: Access, staffAuth?: (ctx: AppContext, token: string, access: Access) => Promise<void>) {
  return async (ctx: AppContext, next: Next): Promise<void> => {
    if (access.kind === 'public') return next();
    const token = bearerToken(ctx);
    if (!token) throw unauthenticated();
    if (access.kind === 'resident') {
      const claims = await ctx.deps.tokens.verify(token, 'resident');
      ctx.state.resident = { id: claims.sub };
      return next();
    }
    if (!staffAuth) throw unauthenticated();
    await staffAuth(ctx, token, access);
    return next();
  };
}
