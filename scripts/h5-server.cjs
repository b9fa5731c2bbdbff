// Serves the mini-program's H5 build and passes /api/* through to the BFF, so
// the browser talks to one origin (no CORS) exactly as the phone would.
'use strict';
const http = require('node:http');
const sirv = require('sirv');

/**
 * @param {{ dir: string, port: number, host: string, apiTarget: string }} options
 * @returns {Promise<{ url: string, close: () => Promise<void> }>}
 */
function startH5Server({ dir, port, host, apiTarget }) {
  const serve = sirv(dir, { single: true, dev: false, etag: true });
  const target = new URL(apiTarget);
  const server = http.createServer((req, res) => {
    const url = req.url ?? '/';
    if (!url.startsWith('/api/') && url !== '/healthz' && url !== '/readyz') {
      serve(req, res);
      return;
    }
    const upstream = http.request(
      { host: target.hostname, port: target.port, method: req.method, path: url, headers: { ...req.headers, host: target.host } },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { code: 'SERVICE_UNAVAILABLE', message: '服务暂时无法连接，请稍后再试' } }));
    });
    req.pipe(upstream);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const address = server.address();
      const actual = typeof address === 'object' && address ? address.port : port;
      resolve({
        url: `http://${host}:${actual}`,
        close: () =>
          new Promise((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}

module.exports = { startH5Server };
