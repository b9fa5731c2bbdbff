import getRawBody from 'raw-body';
import type { Next } from 'koa';
import { AppError, malformed } from '../errors';
import type { AppContext } from '../http/context';

declare module 'koa' {
  interface Request {
    /** The parsed JSON body (this middleware) or multipart fields (@koa/multer); validated by the route's schema. */
    body?: unknown;
  }
}

const METHODS = new Set(['POST', 'PUT', 'PATCH']);

/**
 * Reads a JSON request body. Unlike the usual body parsers, bytes that are
 * not valid UTF-8 are refused instead of being turned into U+FFFD and stored,
 * and compressed bodies (which no client of ours sends) are refused too.
 * Bodies of other types are left to the route (multipart) or refused by it.
 */
export function jsonBody(limit: string) {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  return async (ctx: AppContext, next: Next): Promise<void> => {
    if (!METHODS.has(ctx.method) || !ctx.request.is('application/json')) return next();
    if ((ctx.get('content-encoding') || 'identity').toLowerCase() !== 'identity') {
      throw new AppError('UNSUPPORTED_MEDIA_TYPE', '不支持压缩的请求内容');
    }
    const charset = ctx.request.charset.toLowerCase();
    if (charset !== '' && charset !== 'utf-8' && charset !== 'utf8') throw new AppError('UNSUPPORTED_MEDIA_TYPE', '请以 UTF-8 编码提交');
    const length = ctx.get('content-length');
    const bytes = await getRawBody(ctx.req, { limit, ...(length ? { length } : {}) });
    let text: string;
    try {
      text = decoder.decode(bytes);
    } catch {
      throw malformed('请求内容不是有效的 UTF-8 编码');
    }
    // An empty body with a JSON type (some clients send one with every POST) reads as {}, as body parsers do.
    if (text.trim() === '') {
      ctx.request.body = {};
      return next();
    }
    // Strict JSON as the API document says: an object or an array, never a bare value.
    if (!/^\s*[{[]/.test(text)) throw malformed('请求内容无法解析（应为 JSON 对象）');
    let forbiddenKey = false;
    let parsed: unknown;
    try {
      // A __proto__ key is refused outright, before any code could copy it onto an object; `constructor`
      // is an ordinary unknown key that the routes' strict schemas refuse.
      parsed = JSON.parse(text, (key, value: unknown) => {
        if (key === '__proto__') forbiddenKey = true;
        return value;
      });
    } catch {
      throw malformed('请求内容无法解析（JSON 格式有误）');
    }
    if (forbiddenKey) throw malformed('请求内容含有不允许的字段名');
    ctx.request.body = parsed;
    return next();
  };
}
