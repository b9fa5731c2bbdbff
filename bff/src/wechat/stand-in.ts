import http from 'node:http';

/**
 * Our stand-in for WeChat's servers, for development and tests (WeChat is
 * unreachable here). It implements the endpoints the BFF calls and records
 * every request so tests can count what was sent. A login code `dev:<name>`
 * yields the openid `<name>`.
 */
export interface WechatStandIn {
  url: string;
  appId: string;
  appSecret: string;
  received: ReceivedCall[];
  close(): Promise<void>;
}

export interface ReceivedCall {
  at: string;
  path: string;
  body?: unknown;
}

export const STAND_IN_APP_ID = 'wx-stand-in';
export const STAND_IN_APP_SECRET = 'stand-in-secret';
const OPENID = /^[A-Za-z0-9_-]{1,64}$/;

export function startWechatStandIn(port = 0, host = '127.0.0.1'): Promise<WechatStandIn> {
  const received: ReceivedCall[] = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const q = url.searchParams;
    const credentialsOk = q.get('appid') === STAND_IN_APP_ID && q.get('secret') === STAND_IN_APP_SECRET;
    received.push({ at: new Date().toISOString(), path: url.pathname });

    switch (url.pathname) {
      case '/sns/jscode2session': {
        if (!credentialsOk) return send(200, { errcode: 40013, errmsg: 'invalid appid' });
        const code = q.get('js_code') ?? '';
        const openid = code.startsWith('dev:') ? code.slice(4) : '';
        if (!OPENID.test(openid)) return send(200, { errcode: 40029, errmsg: 'invalid code' });
        return send(200, { openid, session_key: 'stand-in-session-key' });
      }
      case '/cgi-bin/token': {
        if (!credentialsOk) return send(200, { errcode: 40013, errmsg: 'invalid appid' });
        return send(200, { access_token: 'stand-in-access-token', expires_in: 7200 });
      }
      case '/__stand-in/received':
        return send(200, received);
      default:
        return send(404, { errcode: 404, errmsg: 'not implemented by the stand-in' });
    }
  });
  return new Promise((resolve) => {
    server.listen(port, host, () => {
      const address = server.address();
      const actualPort = typeof address === 'object' && address ? address.port : port;
      resolve({
        url: `http://${host}:${actualPort}`,
        appId: STAND_IN_APP_ID,
        appSecret: STAND_IN_APP_SECRET,
        received,
        close: () => new Promise<void>((r) => server.close(() => r())),
      });
    });
  });
}
