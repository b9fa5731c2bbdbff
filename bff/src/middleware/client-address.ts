import type { Next } from 'koa';
import proxyaddr from 'proxy-addr';
import type { AppContext } from '../http/context';

/**
 * Sets `ctx.ip` to the client's address: the socket's peer, or, when that
 * peer is one of the trusted proxies, the nearest address in
 * X-Forwarded-For that is not (proxy-addr walks the chain from the right).
 * Koa itself stays `proxy: false`, so nothing else believes forwarded headers.
 */
export function clientAddress(trusted: readonly string[]) {
  const trust = proxyaddr.compile([...trusted]);
  return (ctx: AppContext, next: Next): Promise<unknown> => {
    ctx.request.ip = proxyaddr(ctx.req, trust);
    return next();
  };
}
