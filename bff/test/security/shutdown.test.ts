import http from 'node:http';
import { randomBytes } from 'node:crypto';
import { startBffProcess, type BffProcess } from '../kit';

/**
 * Graceful shutdown of a real BFF process: on SIGTERM a request already in
 * flight gets its answer, a new connection is refused, an idle keep-alive
 * connection does not hold the process, and it exits 0 within the bound.
 */

const ADMIN = { username: 'shutdown-admin', password: 'shutdown-admin-password' };
const BOUND_MS = 10_000;

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** One request on a connection of its own (no pooling), so "new connection refused" is what is measured. */
function request(url: string, method: string, path: string, body?: object, agent: http.Agent | false = false): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const payload = body ? JSON.stringify(body) : undefined;
    const req = http.request(
      `${url}${path}`,
      { method, agent, headers: payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {} },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

let bff: BffProcess;

beforeAll(async () => {
  const uri = process.env.MINSHENG_TEST_MONGODB_URI;
  if (!uri) throw new Error('the Jest global setup did not provide a database');
  // The database name goes into the path, before the URI's options (global-setup.ts adds monitorCommands).
  const url = new URL(uri);
  url.pathname = `/t_shutdown_${randomBytes(3).toString('hex')}`;
  bff = await startBffProcess({
    mongodbUri: url.toString(),
    env: { ADMIN_USERNAME: ADMIN.username, ADMIN_PASSWORD: ADMIN.password },
  });
}, 120_000);
afterAll(() => bff.stop());

describe('graceful shutdown on SIGTERM', () => {
  it('finishes the request in flight, refuses new connections, and exits 0 within the bound', async () => {
    // Failed logins are answered ever more slowly (up to 2 s): a natural long request, with no test hook in the product.
    for (let i = 0; i < 6; i += 1) await request(bff.url, 'POST', '/api/admin/login', { username: ADMIN.username, password: `wrong-${i}` });
    const keepAlive = new http.Agent({ keepAlive: true });
    const idle = await request(bff.url, 'GET', '/healthz', undefined, keepAlive);
    expect(idle.status).toBe(200);
    // Idle connections outlive a proxy's 60 s, so a client never reuses one the server is closing ("socket hang up").
    expect(idle.headers['keep-alive']).toBe('timeout=65');

    const started = Date.now();
    const inFlight = request(bff.url, 'POST', '/api/admin/login', { username: ADMIN.username, password: 'wrong-again' });
    // Busy on a kept-alive connection at the signal: answered, then that connection must not hold the exit.
    const inFlightKeptAlive = request(bff.url, 'POST', '/api/admin/login', { username: ADMIN.username, password: 'wrong-too' }, keepAlive);
    await new Promise((r) => setTimeout(r, 300));
    bff.child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 200));
    const refused = await request(bff.url, 'GET', '/healthz').then(
      (res) => `answered ${res.status}`,
      (err: NodeJS.ErrnoException) => err.code ?? 'error',
    );
    const answer = await inFlight;
    const keptAliveAnswer = await inFlightKeptAlive;
    const exitCode = await bff.exited;
    const exitMs = Date.now() - started;
    keepAlive.destroy();
    console.log(
      `[security] shutdown: in-flight request answered ${answer.status} after ${exitMs} ms total; new connection: ${refused}; exit code ${exitCode}`,
    );

    expect(answer.status).toBe(401);
    expect(keptAliveAnswer.status).toBe(401);
    expect(JSON.parse(answer.body)).toMatchObject({ error: { code: 'BAD_CREDENTIALS' } });
    expect(refused).toBe('ECONNREFUSED');
    expect(exitCode).toBe(0);
    expect(exitMs).toBeLessThan(BOUND_MS);
    expect(bff.output()).not.toContain('"level":50');
  }, 60_000);
});
