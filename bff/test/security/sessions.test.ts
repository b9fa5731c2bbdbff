import { SignJWT } from 'jose';
import { actor, STAFF_PASSWORD, useTestApp } from '../kit';

/**
 * Sessions and headers: tokens expire after the configured TTL (2 s here),
 * a disabled account's tokens stop at once, forged tokens open nothing,
 * every answer carries the security headers, CORS answers only the configured
 * origins, and staff logins are throttled.
 */

const ALLOWED_ORIGIN = 'https://station.example.cn';
const TTL_SECONDS = 2;
const t = useTestApp({
  env: { RESIDENT_TOKEN_TTL_SECONDS: String(TTL_SECONDS), STAFF_TOKEN_TTL_SECONDS: String(TTL_SECONDS), CORS_ORIGINS: ALLOWED_ORIGIN },
});

const code = (res: { body: unknown }) => (res.body as { error?: { code?: string } }).error?.code;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const figures: string[] = [];
afterAll(() => console.log(`[security] sessions and headers:\n  ${figures.join('\n  ')}`));

describe('token expiry', () => {
  it('refuses a resident token and a staff token with 401 TOKEN_EXPIRED once the TTL has passed', async () => {
    // Each token is tried as soon as it is given: they live 2 s, and a busy machine takes that long to make an account.
    const resident = await t.kit.resident();
    await resident.get('/api/me').expect(200);
    const staff = await t.kit.staff('reviewer');
    await staff.get('/api/admin/me').expect(200);
    await sleep(TTL_SECONDS * 1000 + 1200);
    const r = await resident.get('/api/me');
    const s = await staff.get('/api/admin/me');
    expect([r.status, code(r), s.status, code(s)]).toEqual([401, 'TOKEN_EXPIRED', 401, 'TOKEN_EXPIRED']);
    figures.push(
      `tokens with a ${TTL_SECONDS} s TTL: accepted at once, 401 TOKEN_EXPIRED after ${TTL_SECONDS + 1.2} s (resident and staff)`,
    );
  });
});

describe('revocation', () => {
  it("rejects a disabled staff account's token on its very next request, and a changed password's old token", async () => {
    const admin = await t.kit.admin();
    const reviewer = await t.kit.staff('reviewer');
    await reviewer.get('/api/admin/applications').expect(200);
    await admin.patch(`/api/admin/staff/${reviewer.id}`).send({ disabled: true }).expect(200);
    const res = await reviewer.get('/api/admin/applications');
    expect([res.status, code(res)]).toEqual([401, 'UNAUTHENTICATED']);
    const login = await t.http.post('/api/admin/login').send({ username: reviewer.username, password: STAFF_PASSWORD });
    expect(login.status).toBe(401);

    // Tokens here live 2 s: the administrator logs in again so that a slow machine does not expire the first token by now.
    const [other, again] = await Promise.all([t.kit.staff('officer'), t.kit.admin()]);
    await again.patch(`/api/admin/staff/${other.id}`).send({ password: 'a-brand-new-password' }).expect(200);
    expect((await other.get('/api/admin/me')).status).toBe(401);
    figures.push('disabled account: next request 401, login refused; password change: old token 401');
  });
});

describe('forged tokens', () => {
  it('opens nothing with a token of the wrong audience, secret, algorithm or shape', async () => {
    const resident = await t.kit.resident();
    const staff = await t.kit.admin();
    // Each genuine token is accepted once first, so the server has it among the tokens it verified.
    await resident.get('/api/me').expect(200);
    await staff.get('/api/admin/me').expect(200);
    const now = Math.floor(Date.now() / 1000);
    const otherSecret = await new SignJWT({ gen: 0 })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(staff.id)
      .setAudience('staff')
      .setIssuer('minsheng')
      .setIssuedAt(now)
      .setExpirationTime(now + 600)
      .sign(new TextEncoder().encode('x'.repeat(48)));
    const [header = '', payload = ''] = staff.token.split('.');
    const unsigned = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${payload}.`;
    const tampered = `${header}.${Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), sub: '0123456789abcdef01234567' })).toString('base64url')}.${staff.token.split('.')[2]}`;
    const cases: [string, string, string][] = [
      ['resident token on a staff route', '/api/admin/me', resident.token],
      ['staff token on a resident route', '/api/me', staff.token],
      ['signed with another secret', '/api/admin/me', otherSecret],
      ['alg none', '/api/admin/me', unsigned],
      ['payload changed after signing', '/api/admin/me', tampered],
      ['garbage', '/api/admin/me', 'not-a-token-at-all'],
    ];
    const statuses = [];
    for (const [, path, token] of cases) statuses.push((await actor(t.baseUrl, token).get(path)).status);
    expect(statuses).toEqual(cases.map(() => 401));
    figures.push(`forged tokens: ${cases.length} kinds, all 401`);
  });
});

describe('security headers', () => {
  it.each(['/healthz', '/api/programs', '/api/me', '/no/such/route'])('sends them on %s', async (path) => {
    const res = await t.http.get(path);
    expect(res.headers).toMatchObject({
      'content-security-policy': expect.stringContaining("default-src 'none'"),
      'x-content-type-options': 'nosniff',
      'x-frame-options': expect.stringMatching(/DENY|SAMEORIGIN/),
      'strict-transport-security': expect.stringContaining('max-age='),
      'referrer-policy': expect.any(String),
      'cross-origin-resource-policy': expect.any(String),
      'x-request-id': expect.any(String),
    });
    expect(res.headers['x-powered-by']).toBeUndefined();
    if (path === '/healthz')
      figures.push('security headers: CSP default-src none, nosniff, frame options, HSTS, referrer policy, CORP; no X-Powered-By');
  });
});

describe('CORS', () => {
  /** The browser's preflight for a resident's POST with a token, from `origin`. */
  const preflight = (origin: string) =>
    t.http
      .options('/api/applications')
      .set('Origin', origin)
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', 'authorization,content-type');

  it('answers the configured origin and no other', async () => {
    const ok = await t.http.get('/api/programs').set('Origin', ALLOWED_ORIGIN).expect(200);
    expect(ok.headers['access-control-allow-origin']).toBe(ALLOWED_ORIGIN);
    for (const origin of ['https://evil.example', 'http://127.0.0.1:10086', 'null', `${ALLOWED_ORIGIN}.evil.example`]) {
      const res = await t.http.get('/api/programs').set('Origin', origin);
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
      expect((await preflight(origin)).headers['access-control-allow-origin']).toBeUndefined();
    }
    const allowed = await preflight(ALLOWED_ORIGIN);
    expect(allowed.headers['access-control-allow-origin']).toBe(ALLOWED_ORIGIN);
    expect(allowed.headers['access-control-allow-headers']).toMatch(/Authorization/i);
    figures.push(
      'CORS: the configured origin allowed (simple and preflight); 4 others (incl. the default dev origin, "null", a suffix trick) get no Allow-Origin',
    );
  });
});

describe('login throttling', () => {
  it('locks an account after repeated failures (429 with Retry-After), even for the right password', async () => {
    const staff = await t.kit.staff('reviewer');
    const statuses: number[] = [];
    const started = Date.now();
    for (let i = 0; i < 9; i += 1) {
      statuses.push((await t.http.post('/api/admin/login').send({ username: staff.username, password: `wrong-${i}` })).status);
    }
    const right = await t.http.post('/api/admin/login').send({ username: staff.username, password: STAFF_PASSWORD });
    expect(statuses.slice(0, 8)).toEqual(Array.from({ length: 8 }, () => 401));
    expect(statuses[8]).toBe(429);
    expect([right.status, code(right)]).toEqual([429, 'RATE_LIMITED']);
    expect(Number(right.headers['retry-after'])).toBeGreaterThan(0);
    figures.push(
      `login throttling: 8 wrong passwords answered 401 ever more slowly (${Date.now() - started} ms in all), then 429 with Retry-After, also for the right password`,
    );
  });

  it('locks an address after 30 failures across usernames', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 31; i += 1) {
      statuses.push((await t.http.post('/api/admin/login').send({ username: `guess-${i}`, password: 'wrong-password' })).status);
    }
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(30);
    expect(statuses.at(-1)).toBe(429);
    figures.push(`address throttling: ${statuses.filter((s) => s === 429).length} of 31 guesses over 31 usernames answered 429`);
  });
});
