import { ADMIN } from './stack';

// The browser tests' calls straight to the BFF (test setup and checks, not what the app under test does).

/** A staff member's token (the administrator's unless given), logged in straight on the BFF. */
export async function staffToken(account: { username: string; password: string } = ADMIN): Promise<string> {
  return (await api<{ token: string }>('/api/admin/login', { method: 'POST', body: account })).token;
}

export async function api<T>(path: string, init: { token?: string; method?: string; body?: unknown } = {}): Promise<T> {
  const base = process.env.E2E_BFF_URL;
  if (!base) throw new Error('the e2e global setup did not start the stack');
  const res = await fetch(`${base}${path}`, {
    method: init.method ?? 'GET',
    headers: {
      accept: 'application/json',
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
      ...(init.body ? { 'content-type': 'application/json' } : {}),
    },
    body: init.body ? JSON.stringify(init.body) : undefined,
  });
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}
