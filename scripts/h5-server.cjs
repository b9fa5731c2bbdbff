// Serves the mini-program's H5 build and passes /api/* through to the BFF, so
// the browser talks to one origin (no CORS) exactly as the phone would.
'use strict';
const fs = require('node:fs');
const crypto = require('node:crypto');
const http = require('node:http');
const path = require('node:path');
const zlib = require('node:zlib');
const sirv = require('sirv');

/**
 * Writes a gzip copy beside each text asset that lacks a fresh one, so sirv
 * sends it compressed (as nginx's gzip_static would in production): phones on
 * mobile networks download a third of the bytes.
 */
function precompress(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      precompress(full);
      continue;
    }
    if (!/\.(js|css|html|json|svg)$/.test(entry.name)) continue;
    const gz = `${full}.gz`;
    if (fs.existsSync(gz) && fs.statSync(gz).mtimeMs >= fs.statSync(full).mtimeMs) continue;
    fs.writeFileSync(gz, zlib.gzipSync(fs.readFileSync(full), { level: 9 }));
  }
}

/** Hashed bundles never change under their name; index.html must be checked every time. */
function cacheHeaders(res, pathname) {
  res.setHeader('Cache-Control', /^\/(js|css|static)\//.test(pathname) ? 'public, max-age=31536000, immutable' : 'no-cache');
}

/**
 * The page's Content-Security-Policy. The build's index.html carries one
 * inline script (Taro's viewport sizing); it is allowed by its hash, so no
 * other inline or injected script runs. Taro's components set style
 * attributes, hence 'unsafe-inline' for styles only. Pictures a resident picks
 * are previewed from blob: URLs, and Taro's uploadFile reads them back with
 * XHR (connect-src). Nothing may frame the page (clickjacking of
 * a signed-in officer), which old browsers learn from X-Frame-Options.
 */
function contentSecurityPolicy(dir) {
  // A folder without a build (the mini-program's Jest stack serves only /api) has no inline script to allow.
  const index = path.join(dir, 'index.html');
  const html = fs.existsSync(index) ? fs.readFileSync(index, 'utf8') : '';
  const hashes = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map(
    ([, body]) => `'sha256-${crypto.createHash('sha256').update(body, 'utf8').digest('base64')}'`,
  );
  return [
    "default-src 'self'",
    `script-src 'self' ${hashes.join(' ')}`.trim(),
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

function securityHeaders(csp) {
  return {
    'Content-Security-Policy': csp,
    'X-Frame-Options': 'DENY',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
  };
}

/**
 * @param {{ dir: string, port: number, host: string, apiTarget: string }} options
 * @returns {Promise<{ url: string, close: () => Promise<void> }>}
 */
function startH5Server({ dir, port, host, apiTarget }) {
  precompress(dir);
  const headers = securityHeaders(contentSecurityPolicy(dir));
  const serve = sirv(dir, {
    single: true,
    dev: false,
    etag: true,
    gzip: true,
    setHeaders: (res, pathname) => {
      cacheHeaders(res, pathname);
      for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
    },
  });
  const target = new URL(apiTarget);
  const server = http.createServer((req, res) => {
    const url = req.url ?? '/';
    if (!url.startsWith('/api/') && url !== '/healthz' && url !== '/readyz') {
      serve(req, res);
      return;
    }
    // The BFF trusts this server's X-Forwarded-For (TRUSTED_PROXIES, loopback by default): append the peer
    // as a proxy should, so the throttle keys on the real client and a client's own header cannot hide it.
    const forwarded = [req.headers['x-forwarded-for'], req.socket.remoteAddress].filter(Boolean).join(', ');
    const headers = { ...req.headers, host: target.host, 'x-forwarded-for': forwarded };
    const upstream = http.request({ host: target.hostname, port: target.port, method: req.method, path: url, headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
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

module.exports = { startH5Server, contentSecurityPolicy };
