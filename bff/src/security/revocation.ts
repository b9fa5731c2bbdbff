import mongoose, { Schema } from 'mongoose';
import { unauthenticated } from '../errors';
import { route, type AnyRoute } from '../http/route';
import type { TokenClaims } from './tokens';

/**
 * Tokens ended before their time (logout), by the token's id, until the token
 * would have expired anyway. Checked on every authenticated request as a read
 * by _id, the one query the embedded engine answers without a scan. Not a
 * TTL collection (the embedded FerretDB refuses TTL indexes): each logout
 * clears the rows already past their expiry, so the list holds only tokens
 * that could still be presented.
 */
const revokedTokenSchema = new Schema(
  {
    _id: { type: String, required: true },
    expiresAt: { type: Date, required: true, index: true },
  },
  { versionKey: false },
);
export const RevokedTokenModel = mongoose.model('RevokedToken', revokedTokenSchema);

/** Ends the presented token (as authentication left it on the request) now; harmless to repeat. */
export async function revokeToken(claims: Pick<TokenClaims, 'id' | 'expiresAt'> | undefined): Promise<void> {
  if (!claims) throw unauthenticated();
  await RevokedTokenModel.updateOne({ _id: claims.id }, { $setOnInsert: { expiresAt: claims.expiresAt } }, { upsert: true });
  await RevokedTokenModel.deleteMany({ expiresAt: { $lt: new Date() } });
}

/** Refuses a token that was revoked. */
export async function requireNotRevoked(claims: Pick<TokenClaims, 'id'>): Promise<void> {
  if (await RevokedTokenModel.exists({ _id: claims.id })) throw unauthenticated('登录已退出，请重新登录');
}

/** The logout route of one kind of caller: the presented token stops working at once; answers 204. */
export function logoutRoute(spec: Pick<AnyRoute, 'path' | 'summary' | 'tag' | 'access'>): AnyRoute {
  return route({
    method: 'post',
    ...spec,
    responses: { 204: { description: 'Logged out' } },
    handler: async (ctx) => {
      await revokeToken(ctx.state.session);
      ctx.status = 204;
    },
  });
}
