import { randomUUID } from 'node:crypto';
import type { Next } from 'koa';
import mongoose from 'mongoose';
import { ERRORS, type ApiErrorBody } from '@minsheng/shared/errors';
import { isDuplicateKeyError } from '../db/connection';
import { AppError } from '../errors';
import type { AppContext } from '../http/context';

const REQUEST_ID = /^[A-Za-z0-9_-]{8,64}$/;

/**
 * The outermost middleware: gives each request an id, logs one line per
 * request (route pattern, never the raw URL: query strings may hold personal
 * data), and turns every error into the JSON error body.
 */
export async function errorHandler(ctx: AppContext, next: Next): Promise<void> {
  const incoming = ctx.get('x-request-id');
  const requestId = REQUEST_ID.test(incoming) ? incoming : randomUUID();
  ctx.state.requestId = requestId;
  ctx.set('X-Request-Id', requestId);
  const started = process.hrtime.bigint();
  try {
    await next();
    if (ctx.status === 404 && ctx.body === undefined) throw new AppError('NOT_FOUND', '接口不存在');
    // The router answers a method it does not route with a bare 405, or 501 for one it knows nowhere (TRACE):
    // neither is a server fault, and both get the JSON error body (the Allow header stays).
    if ((ctx.status === 405 || ctx.status === 501) && (ctx.body === undefined || typeof ctx.body === 'string')) {
      throw new AppError('METHOD_NOT_ALLOWED');
    }
  } catch (err) {
    const appError = toAppError(err);
    if (appError.status >= 500) {
      ctx.deps.logger.error({ requestId, err: describe(err) }, 'request failed');
    }
    const body: ApiErrorBody = {
      error: {
        code: appError.code,
        message: appError.message,
        ...(appError.fields ? { fields: appError.fields } : {}),
        ...(appError.details ? { details: appError.details } : {}),
        requestId,
      },
    };
    ctx.status = appError.status;
    ctx.body = body;
    if (appError.code === 'SERVICE_UNAVAILABLE') ctx.set('Retry-After', '5');
    const retryAfter = appError.details?.retryAfterSeconds;
    if (appError.code === 'RATE_LIMITED' && typeof retryAfter === 'number') ctx.set('Retry-After', String(retryAfter));
  } finally {
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    ctx.deps.logger.info(
      {
        requestId,
        method: ctx.method,
        route: (ctx as { _matchedRoute?: string })._matchedRoute ?? '(unmatched)',
        status: ctx.status,
        ms: Math.round(ms),
      },
      'request',
    );
  }
}

interface HttpishError {
  status?: number;
  statusCode?: number;
  expose?: boolean;
  type?: string;
  code?: string;
}

/** Maps what libraries throw onto our error codes; anything unknown is a 500. */
export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (isDatabaseUnavailable(err)) return new AppError('SERVICE_UNAVAILABLE', '数据库暂时无法访问，请稍后再试');
  if (err instanceof mongoose.Error.ValidationError) return new AppError('VALIDATION_FAILED');
  if (err instanceof mongoose.Error.CastError) return new AppError('VALIDATION_FAILED', '编号格式不正确');
  if (err instanceof mongoose.Error.DocumentNotFoundError) return new AppError('NOT_FOUND');
  if (isDuplicateKeyError(err)) return new AppError('CONFLICT');
  const e = (typeof err === 'object' && err !== null ? err : {}) as HttpishError;
  // multer's errors
  if (e.code === 'LIMIT_FILE_SIZE') return new AppError('PAYLOAD_TOO_LARGE', '文件过大');
  if (typeof e.code === 'string' && e.code.startsWith('LIMIT_')) return new AppError('MALFORMED_REQUEST', '上传内容不符合要求');
  // http-errors from the body parser and koa
  const status = e.status ?? e.statusCode;
  if (status === 413) return new AppError('PAYLOAD_TOO_LARGE');
  if (status === 415) return new AppError('UNSUPPORTED_MEDIA_TYPE');
  if (status === 400 || status === 422) {
    const message = e.type === 'encoding.unsupported' ? '不支持的字符编码' : '请求内容无法解析（JSON 格式或编码有误）';
    return new AppError('MALFORMED_REQUEST', message);
  }
  if (status !== undefined && status >= 400 && status < 500) return new AppError('MALFORMED_REQUEST');
  return new AppError('INTERNAL', ERRORS.INTERNAL.message);
}

/** Driver errors that mean "the database is not there right now". */
export function isDatabaseUnavailable(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  // By class, so that subclasses count too: a database that hangs surfaces as PoolClearedOnNetworkError, a MongoNetworkError.
  const { mongo } = mongoose;
  if (
    err instanceof mongo.MongoNetworkError ||
    err instanceof mongo.MongoServerSelectionError ||
    err instanceof mongo.MongoNotConnectedError ||
    err instanceof mongo.MongoTopologyClosedError ||
    err instanceof mongo.MongoOperationTimeoutError
  ) {
    return true;
  }
  return (err as { name?: string }).name === 'MongooseServerSelectionError';
}

function describe(err: unknown): { name: string; message: string; stack?: string } {
  if (err instanceof Error) return { name: err.name, message: err.message, ...(err.stack ? { stack: err.stack } : {}) };
  return { name: 'NonError', message: String(err) };
}
