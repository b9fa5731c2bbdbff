import http, { type RequestListener, type Server } from 'node:http';

/**
 * How long an idle keep-alive connection is held. Node's default, 5 s, is
 * shorter than the 60 s nginx and typical load balancers keep an idle upstream
 * connection: the server closed sockets a proxy or a Node 20 keep-alive client
 * was about to reuse, and that request failed with "socket hang up". Held
 * longer than theirs, the other side always closes first.
 */
export const KEEP_ALIVE_TIMEOUT_MS = 65_000;

/** Longer than the keep-alive timeout, or a request arriving on a kept-alive socket may be cut off while its headers are read. */
export const HEADERS_TIMEOUT_MS = 66_000;

/** The HTTP server around the app's request handler (`app.callback()`), not yet listening. */
export function createHttpServer(handler: RequestListener): Server {
  const server = http.createServer(handler);
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  server.headersTimeout = HEADERS_TIMEOUT_MS;
  return server;
}

/** Listens on `host:port` (0: a free port); resolves when listening, rejects when it cannot (e.g. the port is taken). */
export function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/**
 * Stops taking connections and resolves when the last one has closed: an idle
 * one at once, a busy one as soon as its answer is sent. `server.close()`
 * closes only the connections idle when it is called; one busy then would stay
 * open, kept alive, for KEEP_ALIVE_TIMEOUT_MS.
 */
export function closeGracefully(server: Server): Promise<void> {
  return new Promise<void>((resolve) => {
    const sweep = setInterval(() => server.closeIdleConnections(), 50);
    server.close(() => {
      clearInterval(sweep);
      resolve();
    });
  });
}
