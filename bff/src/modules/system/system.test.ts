import { startTestApp, type TestContext } from '../../../test/kit';

let t: TestContext;
beforeAll(async () => {
  t = await startTestApp({ seedCatalog: false });
});
afterAll(() => t.close());

describe('system routes', () => {
  it('answers /healthz', async () => {
    const res = await t.http.get('/healthz').expect(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('answers /readyz when the database is up', async () => {
    const res = await t.http.get('/readyz').expect(200);
    expect(res.body).toEqual({ status: 'ready', database: 'up' });
  });

  it('answers unknown routes with a JSON 404', async () => {
    const res = await t.http.get('/api/nothing-here').expect(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
    expect(res.body.error.requestId).toEqual(expect.any(String));
  });

  it('answers a wrong method with 405 and the allowed methods', async () => {
    const res = await t.http.delete('/api/programs').expect(405);
    expect(res.headers.allow).toContain('GET');
  });

  it('gives every response a request id, echoing a well-formed incoming one', async () => {
    const res = await t.http.get('/healthz').set('X-Request-Id', 'abc12345-test').expect(200);
    expect(res.headers['x-request-id']).toBe('abc12345-test');
    const other = await t.http.get('/healthz').set('X-Request-Id', 'bad id with spaces').expect(200);
    expect(other.headers['x-request-id']).not.toBe('bad id with spaces');
  });

  it('sends security headers', async () => {
    const res = await t.http.get('/healthz').expect(200);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
  });

  it('allows CORS only for configured origins', async () => {
    const ok = await t.http.get('/healthz').set('Origin', 'http://127.0.0.1:10086').expect(200);
    expect(ok.headers['access-control-allow-origin']).toBe('http://127.0.0.1:10086');
    const other = await t.http.get('/healthz').set('Origin', 'http://evil.example').expect(200);
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('documents every route in /api/openapi.json', async () => {
    const res = await t.http.get('/api/openapi.json').expect(200);
    const paths = res.body.paths as Record<string, Record<string, unknown>>;
    for (const r of t.app.routes) {
      const documented = paths[r.path.replace(/:([A-Za-z_]+)/g, '{$1}')];
      expect(documented?.[r.method]).toBeDefined();
    }
    expect(res.body.openapi).toBe('3.1.0');
  });
});
