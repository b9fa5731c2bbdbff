import http from 'node:http';
import { startTestApp, STAFF_PASSWORD, testKit, type TestContext } from '../kit';
import { THROTTLE } from '../../src/modules/staff/service';
import { LoginThrottleModel } from '../../src/modules/staff/model';

/**
 * X-Forwarded-For is believed only from a configured proxy. The app listens on
 * 127.0.0.1; Linux routes all of 127.0.0.0/8 to the loopback device, so a
 * connection from 127.0.0.2 is "the proxy" and one from 127.0.0.1 a client
 * that talks to the BFF directly.
 */

const PROXY = '127.0.0.2';
const DIRECT = '127.0.0.1';
let t: TestContext;
beforeAll(async () => {
  t = await startTestApp({ env: { TRUSTED_PROXIES: PROXY } });
});
afterAll(() => t.close());
beforeEach(() => LoginThrottleModel.deleteMany({}));

const figures: string[] = [];
afterAll(() => console.log(`[security] trusted proxies:\n  ${figures.join('\n  ')}`));

/** A staff login sent from `localAddress`, claiming `forwardedFor`; its status. */
function loginFrom(localAddress: string, forwardedFor: string, username: string, password: string): Promise<number> {
  const url = new URL('/api/admin/login', t.baseUrl);
  const body = JSON.stringify({ username, password });
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        localAddress,
        agent: false,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'x-forwarded-for': forwardedFor },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** Fails logins for as many different (unknown) accounts as it takes to lock an address. */
async function lockAddress(localAddress: string, forwardedFor: (i: number) => string): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < THROTTLE.lockAfter.ip; i += 1) {
    statuses.push(await loginFrom(localAddress, forwardedFor(i), `nobody-${i}-${Date.now()}`, 'wrong-password'));
  }
  return statuses;
}

describe('trusted proxies', () => {
  it('from the trusted proxy, two forwarded clients are throttled separately', async () => {
    const officer = await testKit(t).officer('jmjy');
    const statuses = await lockAddress(PROXY, () => '203.0.113.7');
    expect(new Set(statuses)).toEqual(new Set([401]));
    expect(await loginFrom(PROXY, '203.0.113.7', officer.username, STAFF_PASSWORD)).toBe(429);
    // Another client behind the same proxy is not locked out by the first one's failures.
    expect(await loginFrom(PROXY, '198.51.100.9', officer.username, STAFF_PASSWORD)).toBe(200);
    figures.push(`via ${PROXY}: ${THROTTLE.lockAfter.ip} failures locked 203.0.113.7 (429); 198.51.100.9 logged in (200)`);
  });

  it('from an untrusted peer, X-Forwarded-For is ignored: a new claimed address each time does not dodge the lock', async () => {
    const officer = await testKit(t).officer('jmjy');
    const statuses = await lockAddress(DIRECT, (i) => `198.18.0.${i + 1}`);
    expect(new Set(statuses)).toEqual(new Set([401]));
    expect(await loginFrom(DIRECT, '198.18.1.1', officer.username, STAFF_PASSWORD)).toBe(429);
    // The proxy's own clients are keyed apart from that direct peer.
    expect(await loginFrom(PROXY, '198.18.1.1', officer.username, STAFF_PASSWORD)).toBe(200);
    figures.push(
      `direct from ${DIRECT}: ${THROTTLE.lockAfter.ip} failures with ${THROTTLE.lockAfter.ip} forged addresses locked the peer (429)`,
    );
  });
});
