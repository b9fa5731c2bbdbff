import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { idempotencyKeySchema } from '@minsheng/shared';
import Taro from '@tarojs/taro';
import { ApiError, NetworkError, refusedFields, request } from './request';
import { TOKEN_STORAGE_KEY } from './session';

// A stand-in BFF on 127.0.0.1: the helper goes through Taro.request, jsdom's
// XMLHttpRequest and a real socket. Each test queues how the next requests
// are answered; jsdom enforces CORS, so preflights are answered here.
type Answer = (req: http.IncomingMessage, res: http.ServerResponse) => void;

interface Received {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

let server: http.Server;
let answers: Answer[] = [];
let received: Received[] = [];

const json =
  (status: number, body: unknown): Answer =>
  (_req, res) => {
    res.writeHead(status, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(body));
  };
const dropConnection: Answer = (req) => {
  req.socket.destroy();
};

// jsdom reports every failed XMLHttpRequest on the console; here the failures are the point.
function expectDroppedConnections() {
  const consoleError = console.error;
  jest.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    if (!String(args[0]).includes('socket hang up')) consoleError(...args);
  });
}

beforeAll(async () => {
  server = http.createServer((req, res) => {
    res.setHeader('Access-Control-Allow-Origin', '*');
    if (req.method === 'OPTIONS') {
      res.writeHead(204, {
        'Access-Control-Allow-Methods': 'GET,POST,PUT,PATCH,DELETE',
        'Access-Control-Allow-Headers': req.headers['access-control-request-headers'] ?? '',
      });
      res.end();
      return;
    }
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      received.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      const answer = answers.shift() ?? json(500, { error: { code: 'INTERNAL', message: 'no answer queued' } });
      answer(req, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  Object.assign(globalThis, { API_BASE_URL: `http://127.0.0.1:${port}` });
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

afterEach(() => {
  jest.restoreAllMocks();
});

beforeEach(() => {
  answers = [];
  received = [];
  Taro.clearStorageSync();
});

describe('request', () => {
  it('sends the stored session token as a bearer token', async () => {
    Taro.setStorageSync(TOKEN_STORAGE_KEY, 'token-123');
    answers.push(json(200, { items: [] }));

    await expect(request({ path: '/programs', data: { kind: 'loan' } })).resolves.toEqual({ items: [] });

    expect(received[0]?.url).toBe('/programs?kind=loan');
    expect(received[0]?.headers.authorization).toBe('Bearer token-123');
  });

  it('sends no authorization header without a stored token', async () => {
    answers.push(json(200, {}));

    await request({ path: '/programs' });

    expect(received[0]?.headers.authorization).toBeUndefined();
  });

  it('throws an ApiError carrying the code, message, fields and status of an error answer', async () => {
    const fields = { mobile: '手机号格式不正确' };
    answers.push(json(400, { error: { code: 'VALIDATION_FAILED', message: '填写的内容有误，请检查后重试', fields } }));

    const error: unknown = await request({ method: 'POST', path: '/applications', data: {} }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'VALIDATION_FAILED', message: '填写的内容有误，请检查后重试', fields, status: 400 });
  });

  it('names an error answer that is not the BFF shape by its status', async () => {
    answers.push((_req, res) => {
      res.writeHead(503, { 'Content-Type': 'text/html' });
      res.end('<h1>503</h1>');
    });

    await expect(request({ path: '/programs' })).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE', status: 503 });
  });

  it('retries a submission after a network failure with the same idempotency key', async () => {
    expectDroppedConnections();
    answers.push(dropConnection, json(201, { id: 'a1' }));

    await expect(request({ method: 'POST', path: '/applications', data: { kind: 'loan' } })).resolves.toEqual({ id: 'a1' });

    expect(received).toHaveLength(2);
    const [first, second] = received.map((r) => r.headers['idempotency-key']);
    expect(idempotencyKeySchema.safeParse(first).success).toBe(true);
    expect(second).toBe(first);
    expect(received[1]?.body).toBe(JSON.stringify({ kind: 'loan' }));
  });

  it('sends the idempotency key the caller passes', async () => {
    answers.push(json(201, {}));

    await request({ method: 'POST', path: '/applications', data: {}, idempotencyKey: 'submission-1' });

    expect(received[0]?.headers['idempotency-key']).toBe('submission-1');
  });

  it('gives up with a NetworkError after two retries', async () => {
    expectDroppedConnections();
    answers.push(dropConnection, dropConnection, dropConnection);

    await expect(request({ path: '/programs' })).rejects.toBeInstanceOf(NetworkError);
    expect(received).toHaveLength(3);
  });
});

describe('refusedFields', () => {
  it('answers the fields a VALIDATION_FAILED answer names', () => {
    const fields = { materialIds: '请上传身份证正反面照片' };
    expect(refusedFields(new ApiError('VALIDATION_FAILED', '填写的内容有误，请检查后重试', 400, fields))).toEqual(fields);
  });

  it('answers null for a VALIDATION_FAILED answer naming no field, another code, or a failure that is not an answer', () => {
    expect(refusedFields(new ApiError('VALIDATION_FAILED', '填写的内容有误，请检查后重试', 400))).toBeNull();
    expect(refusedFields(new ApiError('ID_NUMBER_TAKEN', '该身份证号已登记', 409, { idNumber: '该身份证号已登记' }))).toBeNull();
    expect(refusedFields(new NetworkError(new Error('offline')))).toBeNull();
  });
});
