import { idempotencyKeySchema } from '@minsheng/shared';
import type { Next } from 'koa';
import { z } from 'zod';
import { AppError } from '../errors';
import type { AppContext } from './context';

/** The headers of a retry-safe create. */
export const idempotencyHeaders = z.object({ 'idempotency-key': idempotencyKeySchema });

/** A missing key has its own code (shared/errors.ts), so the phone can tell it from a mistake in the form. */
export async function requireIdempotencyKey(ctx: AppContext, next: Next): Promise<unknown> {
  if (!ctx.get('idempotency-key')) throw new AppError('IDEMPOTENCY_KEY_REQUIRED', undefined, { 'idempotency-key': '缺少请求编号' });
  return next();
}

/** Answers a retry-safe create: 201 with what it made, and a header saying so when a retry got the first result again. */
export function answerCreated(ctx: AppContext, replayed: boolean, body: unknown): void {
  if (replayed) ctx.set('Idempotent-Replayed', 'true');
  ctx.status = 201;
  ctx.body = body;
}
