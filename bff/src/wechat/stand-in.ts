import http from 'node:http';
import QRCode from 'qrcode';

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
  /** How subscribe-message sends are answered, for retry tests; also settable over HTTP (POST /__stand-in/subscribe-send). */
  subscribeSend: SubscribeSendControl;
  close(): Promise<void>;
}

export interface ReceivedCall {
  at: string;
  path: string;
  body?: unknown;
  /** The errcode the stand-in answered (subscribe-message sends). */
  errcode?: number;
}

export interface SubscribeSendControl {
  /** Answer the next this many sends with `errcode` instead of accepting them. */
  failNext: number;
  errcode: number;
  /** Wait this long before answering each send. */
  delayMs: number;
}

export const STAND_IN_APP_ID = 'wx-stand-in';
export const STAND_IN_APP_SECRET = 'stand-in-secret';
const OPENID = /^[A-Za-z0-9_-]{1,64}$/;
const ACCESS_TOKEN = 'stand-in-access-token';
/** wxacode.getUnlimited's rule for `scene`: 1–32 visible characters of this set. */
const SCENE = /^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]{1,32}$/;
const PAGE = /^[a-z0-9_/-]{1,128}$/i;
const MAX_BODY = 16 * 1024;

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      text += chunk;
      if (text.length > MAX_BODY) req.destroy(new Error('body too large'));
    });
    req.on('end', () => resolve(text));
    req.on('error', reject);
  });
}

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * WeChat draws a round "mini-program code" only it can read; the stand-in
 * answers a plain QR code of the scene instead, so tests and the poster get
 * a real PNG that decodes to what was asked for.
 */
async function unlimitedCode(
  req: http.IncomingMessage,
  q: URLSearchParams,
): Promise<{ status: number; json?: unknown; png?: Buffer; body?: unknown }> {
  if (req.method !== 'POST') return { status: 405, json: { errcode: 405, errmsg: 'POST only' } };
  const body = parseObject(await readBody(req));
  if (q.get('access_token') !== ACCESS_TOKEN)
    return { status: 200, json: { errcode: 40001, errmsg: 'invalid credential, access_token is invalid or not latest' }, body };
  if (!body) return { status: 200, json: { errcode: 47001, errmsg: 'data format error' } };
  const { scene, page } = body;
  if (typeof scene !== 'string' || !SCENE.test(scene))
    return { status: 200, json: { errcode: 40169, errmsg: 'invalid length for scene, or the data is not json string' }, body };
  if (page !== undefined && (typeof page !== 'string' || !PAGE.test(page) || page.startsWith('/'))) {
    return { status: 200, json: { errcode: 41030, errmsg: 'invalid page rule' }, body };
  }
  return { status: 200, png: await QRCode.toBuffer(scene, { type: 'png', errorCorrectionLevel: 'M', margin: 4, width: 430 }), body };
}

const TEMPLATE_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** subscribeMessage.send: checks the message's shape, then accepts it or fails as `control` says. */
async function subscribeSend(
  req: http.IncomingMessage,
  q: URLSearchParams,
  control: SubscribeSendControl,
  call: ReceivedCall,
): Promise<{ errcode: number; errmsg: string }> {
  const body = parseObject(await readBody(req));
  if (body !== undefined) call.body = body;
  const answer = (() => {
    if (q.get('access_token') !== ACCESS_TOKEN) return { errcode: 40001, errmsg: 'invalid credential' };
    if (!body) return { errcode: 47001, errmsg: 'data format error' };
    const { touser, template_id: templateId, page, data } = body;
    if (typeof touser !== 'string' || !OPENID.test(touser)) return { errcode: 40003, errmsg: 'invalid openid' };
    if (typeof templateId !== 'string' || !TEMPLATE_ID.test(templateId)) return { errcode: 40037, errmsg: 'invalid template_id' };
    if (page !== undefined && (typeof page !== 'string' || page.startsWith('/'))) return { errcode: 41030, errmsg: 'invalid page' };
    if (typeof data !== 'object' || data === null) return { errcode: 47003, errmsg: 'argument invalid! data is empty' };
    if (control.failNext > 0) {
      control.failNext -= 1;
      return { errcode: control.errcode, errmsg: 'failure asked for by the test' };
    }
    return { errcode: 0, errmsg: 'ok' };
  })();
  if (control.delayMs > 0) await new Promise((r) => setTimeout(r, control.delayMs));
  call.errcode = answer.errcode;
  return answer;
}

export function startWechatStandIn(port = 0, host = '127.0.0.1'): Promise<WechatStandIn> {
  const received: ReceivedCall[] = [];
  const subscribeControl: SubscribeSendControl = { failNext: 0, errcode: -1, delayMs: 0 };
  const handle = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const q = url.searchParams;
    const credentialsOk = q.get('appid') === STAND_IN_APP_ID && q.get('secret') === STAND_IN_APP_SECRET;
    const call: ReceivedCall = { at: new Date().toISOString(), path: url.pathname };
    received.push(call);

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
        return send(200, { access_token: ACCESS_TOKEN, expires_in: 7200 });
      }
      case '/wxa/getwxacodeunlimit': {
        const answer = await unlimitedCode(req, q);
        if (answer.body !== undefined) call.body = answer.body;
        if (!answer.png) return send(answer.status, answer.json);
        res.writeHead(200, { 'content-type': 'image/png', 'content-length': String(answer.png.length) });
        res.end(answer.png);
        return;
      }
      case '/wxa/business/getuserphonenumber': {
        // A code "dev-phone:<11 digits>" stands for that number, as a phone's button would.
        if (q.get('access_token') !== ACCESS_TOKEN) return send(200, { errcode: 40001, errmsg: 'invalid credential' });
        const code = parseObject(await readBody(req))?.code;
        const phone = typeof code === 'string' && /^dev-phone:1[3-9]\d{9}$/.test(code) ? code.slice('dev-phone:'.length) : '';
        if (!phone) return send(200, { errcode: 40029, errmsg: 'invalid code' });
        return send(200, {
          errcode: 0,
          errmsg: 'ok',
          phone_info: { phoneNumber: `+86${phone}`, purePhoneNumber: phone, countryCode: '86' },
        });
      }
      case '/cgi-bin/message/subscribe/send': {
        if (req.method !== 'POST') return send(405, { errcode: 405, errmsg: 'POST only' });
        return send(200, await subscribeSend(req, q, subscribeControl, call));
      }
      case '/__stand-in/subscribe-send': {
        // Lets a test in another process set how sends are answered: {failNext?, errcode?, delayMs?}.
        const body = parseObject(await readBody(req)) ?? {};
        for (const key of ['failNext', 'errcode', 'delayMs'] as const) {
          const value = body[key];
          if (typeof value === 'number' && Number.isInteger(value)) subscribeControl[key] = value;
        }
        return send(200, subscribeControl);
      }
      case '/__stand-in/received':
        return send(200, received);
      default:
        return send(404, { errcode: 404, errmsg: 'not implemented by the stand-in' });
    }
  };
  const server = http.createServer((req, res) => {
    void handle(req, res).catch(() => {
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ errcode: -1, errmsg: 'system error' }));
    });
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
        subscribeSend: subscribeControl,
        close: () =>
          new Promise<void>((r) => {
            server.close(() => r());
            server.closeAllConnections();
          }),
      });
    });
  });
}
