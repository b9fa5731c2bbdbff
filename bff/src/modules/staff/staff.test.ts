import { actor, rawCollection, refusal, STAFF_PASSWORD, useTestApp } from '../../../test/kit';
import { LoginThrottleModel } from './model';
import { THROTTLE, createStaff, ensureFirstAdmin } from './service';

const t = useTestApp({ seedCatalog: false, staff: ['admin'] });
// Every login from the tests comes from 127.0.0.1, so failures would add up across tests.
beforeEach(() => LoginThrottleModel.deleteMany({}));

let n = 0;
const username = (prefix = 'user') => {
  n += 1;
  return `${prefix}-${n}-${Date.now().toString(36)}`;
};

function login(name: string, password: string) {
  return t.http.post('/api/admin/login').send({ username: name, password });
}

function createAsAdmin(body: Record<string, unknown>) {
  return t.admin.post('/api/admin/staff').send(body);
}

describe('POST /api/admin/login', () => {
  it('issues a token and presents the account for the right password', async () => {
    const name = username();
    await createStaff({ username: name, name: '王审核', password: STAFF_PASSWORD, role: 'reviewer', communities: [] });
    const res = await login(name, STAFF_PASSWORD).expect(200);
    expect(res.body).toMatchObject({
      token: expect.any(String),
      expiresAt: expect.any(String),
      staff: { username: name, name: '王审核', role: 'reviewer', disabled: false },
    });
    expect(JSON.stringify(res.body)).not.toMatch(/passwordHash|tokenGeneration/);
    const me = await actor(t.baseUrl, res.body.token as string)
      .get('/api/admin/me')
      .expect(200);
    expect(me.body).toMatchObject({ username: name, role: 'reviewer' });
  });

  it('accepts the username in any letter case', async () => {
    const name = username();
    await createStaff({ username: name, name: '王审核', password: STAFF_PASSWORD, role: 'reviewer', communities: [] });
    await login(name.toUpperCase(), STAFF_PASSWORD).expect(200);
  });

  it('answers 401 BAD_CREDENTIALS for a wrong password', async () => {
    const name = username();
    await createStaff({ username: name, name: '王审核', password: STAFF_PASSWORD, role: 'reviewer', communities: [] });
    const res = await login(name, 'not-the-password');
    expect(refusal(res)).toEqual({ status: 401, code: 'BAD_CREDENTIALS' });
    expect(res.body.token).toBeUndefined();
  });

  it('answers 401 BAD_CREDENTIALS, with the same message, for an unknown username', async () => {
    const name = username();
    await createStaff({ username: name, name: '王审核', password: STAFF_PASSWORD, role: 'reviewer', communities: [] });
    const wrongPassword = await login(name, 'not-the-password');
    const unknown = await login(username('nobody'), STAFF_PASSWORD);
    expect(refusal(unknown)).toEqual({ status: 401, code: 'BAD_CREDENTIALS' });
    expect(unknown.body.error.message).toBe(wrongPassword.body.error.message);
  });

  it('answers 400 VALIDATION_FAILED without a password', async () => {
    const res = await t.http.post('/api/admin/login').send({ username: username() });
    expect(refusal(res)).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
  });

  it(`locks logins with 429 RATE_LIMITED and Retry-After after ${THROTTLE.lockAfter.user} failures, even for the right password`, async () => {
    const name = username();
    await createStaff({ username: name, name: '王审核', password: STAFF_PASSWORD, role: 'reviewer', communities: [] });
    for (let i = 0; i < THROTTLE.lockAfter.user; i += 1) {
      expect(refusal(await login(name, `wrong-${i}`))).toEqual({ status: 401, code: 'BAD_CREDENTIALS' });
    }
    const locked = await login(name, STAFF_PASSWORD);
    expect(refusal(locked)).toEqual({ status: 429, code: 'RATE_LIMITED' });
    const retryAfter = Number(locked.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(THROTTLE.lockMs / 1000);
    expect(locked.body.token).toBeUndefined();
  });

  it('counts each of simultaneous failures: every one answers 401, and then logins are locked', async () => {
    const name = username();
    await createStaff({ username: name, name: '王审核', password: STAFF_PASSWORD, role: 'reviewer', communities: [] });
    const guesses = await Promise.all(Array.from({ length: THROTTLE.lockAfter.user }, (_, i) => login(name, `wrong-${i}`)));
    expect(guesses.map(refusal)).toEqual(Array.from({ length: THROTTLE.lockAfter.user }, () => ({ status: 401, code: 'BAD_CREDENTIALS' })));
    expect(refusal(await login(name, STAFF_PASSWORD))).toEqual({ status: 429, code: 'RATE_LIMITED' });
  });

  it(`locks an address after ${THROTTLE.lockAfter.ip} failures spread over accounts, but not before`, async () => {
    const name = username();
    await createStaff({ username: name, name: '李协理', password: STAFF_PASSWORD, role: 'reviewer', communities: [] });
    for (let i = 0; i < THROTTLE.lockAfter.ip - 1; i += 1) {
      expect(refusal(await login(username(), 'wrong-password'))).toEqual({ status: 401, code: 'BAD_CREDENTIALS' });
    }
    // Officers behind one station address can still log in after many neighbours' typos.
    expect((await login(name, STAFF_PASSWORD)).status).toBe(200);
    await login(username(), 'wrong-password');
    expect(refusal(await login(name, STAFF_PASSWORD))).toEqual({ status: 429, code: 'RATE_LIMITED' });
  });
});

describe('tokens and audiences', () => {
  it('answers 401 UNAUTHENTICATED on /api/admin/* without a token', async () => {
    expect(refusal(await t.http.get('/api/admin/staff'))).toEqual({ status: 401, code: 'UNAUTHENTICATED' });
    expect(refusal(await t.http.get('/api/admin/applications'))).toEqual({ status: 401, code: 'UNAUTHENTICATED' });
  });

  it('answers 401 UNAUTHENTICATED to a resident token on /api/admin/*', async () => {
    const resident = await t.kit.resident();
    expect(refusal(await resident.get('/api/admin/me'))).toEqual({ status: 401, code: 'UNAUTHENTICATED' });
    expect(refusal(await resident.get('/api/admin/applications'))).toEqual({ status: 401, code: 'UNAUTHENTICATED' });
  });

  it('answers 401 UNAUTHENTICATED to a staff token on resident routes', async () => {
    expect(refusal(await t.admin.get('/api/me'))).toEqual({ status: 401, code: 'UNAUTHENTICATED' });
    expect(refusal(await t.admin.get('/api/applications'))).toEqual({ status: 401, code: 'UNAUTHENTICATED' });
  });

  it('answers 401 UNAUTHENTICATED to a tampered token', async () => {
    const res = await actor(t.baseUrl, `${t.admin.token.slice(0, -4)}AAAA`).get('/api/admin/me');
    expect(refusal(res)).toEqual({ status: 401, code: 'UNAUTHENTICATED' });
  });
});

describe('staff administration', () => {
  it.each(['reviewer', 'officer'] as const)('answers 403 FORBIDDEN on /api/admin/staff to the role %s', async (role) => {
    const staff = await t.kit.staff(role);
    expect(refusal(await staff.get('/api/admin/staff'))).toEqual({ status: 403, code: 'FORBIDDEN' });
    const create = await staff
      .post('/api/admin/staff')
      .send({ username: username(), name: '某人', password: STAFF_PASSWORD, role: 'admin' });
    expect(refusal(create)).toEqual({ status: 403, code: 'FORBIDDEN' });
  });

  it('lists the accounts to an admin without password hashes', async () => {
    const res = await t.admin.get('/api/admin/staff').expect(200);
    expect((res.body.items as { username: string }[]).map((s) => s.username)).toContain(t.admin.username);
    expect(JSON.stringify(res.body)).not.toMatch(/passwordHash|\$argon2/);
  });

  it('creates an officer who can then log in', async () => {
    const name = username('officer');
    const res = await createAsAdmin({
      username: name,
      name: '李协理',
      password: STAFF_PASSWORD,
      role: 'officer',
      communities: ['jmjy', 'cjxc'],
    }).expect(201);
    expect(res.body).toMatchObject({
      id: expect.any(String),
      username: name,
      name: '李协理',
      role: 'officer',
      communities: ['jmjy', 'cjxc'],
      disabled: false,
    });
    const stored = await rawCollection('staffs').findOne({ username: name });
    expect(stored?.passwordHash).toMatch(/^\$argon2id\$/);
    await login(name, STAFF_PASSWORD).expect(200);
  });

  it('answers 409 CONFLICT for a username already taken, in any letter case', async () => {
    const name = username();
    await createAsAdmin({ username: name, name: '甲', password: STAFF_PASSWORD, role: 'reviewer' }).expect(201);
    const again = await createAsAdmin({ username: name.toUpperCase(), name: '乙', password: STAFF_PASSWORD, role: 'reviewer' });
    expect(refusal(again)).toEqual({ status: 409, code: 'CONFLICT' });
    expect(await rawCollection('staffs').countDocuments({ username: name })).toBe(1);
  });

  it.each([
    ['without communities', {}],
    ['with an unknown community', { communities: ['jmjy', 'nowhere'] }],
  ])('answers 400 VALIDATION_FAILED naming fields.communities for an officer %s', async (_, communities) => {
    const name = username();
    const res = await createAsAdmin({ username: name, name: '李协理', password: STAFF_PASSWORD, role: 'officer', ...communities });
    expect(refusal(res)).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
    expect(Object.keys(res.body.error.fields)).toEqual(['communities']);
    expect(await rawCollection('staffs').countDocuments({ username: name })).toBe(0);
  });

  it('answers 400 VALIDATION_FAILED for a short password', async () => {
    const res = await createAsAdmin({ username: username(), name: '甲', password: 'short', role: 'reviewer' });
    expect(refusal(res)).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
    expect(Object.keys(res.body.error.fields)).toEqual(['password']);
  });

  it('changes role and communities, and the change applies to the account’s current token', async () => {
    const reviewer = await t.kit.staff('reviewer');
    const res = await t.admin
      .patch(`/api/admin/staff/${reviewer.id}`)
      .send({ role: 'officer', communities: ['bqsq'] })
      .expect(200);
    expect(res.body).toMatchObject({ role: 'officer', communities: ['bqsq'] });
    const me = await reviewer.get('/api/admin/me').expect(200);
    expect(me.body).toMatchObject({ role: 'officer', communities: ['bqsq'] });
  });

  it('answers 400 VALIDATION_FAILED when an officer’s communities would become empty', async () => {
    const officer = await t.kit.officer('jmjy');
    const res = await t.admin.patch(`/api/admin/staff/${officer.id}`).send({ communities: [] });
    expect(refusal(res)).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
    const me = await officer.get('/api/admin/me').expect(200);
    expect(me.body.communities).toEqual(['jmjy']);
  });

  it('answers 400 VALIDATION_FAILED when patching in an unknown community', async () => {
    const officer = await t.kit.officer('jmjy');
    const res = await t.admin.patch(`/api/admin/staff/${officer.id}`).send({ communities: ['nowhere'] });
    expect(refusal(res)).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
  });

  it('answers 404 NOT_FOUND when patching an unknown account', async () => {
    const res = await t.admin.patch('/api/admin/staff/0123456789abcdef01234567').send({ name: '无人' });
    expect(refusal(res)).toEqual({ status: 404, code: 'NOT_FOUND' });
  });

  it('refuses an admin disabling their own account with 400 VALIDATION_FAILED', async () => {
    const res = await t.admin.patch(`/api/admin/staff/${t.admin.id}`).send({ disabled: true });
    expect(refusal(res)).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
    await t.admin.get('/api/admin/me').expect(200);
  });

  it('makes a disabled account’s existing token answer 401 at once', async () => {
    const reviewer = await t.kit.staff('reviewer');
    await reviewer.get('/api/admin/me').expect(200);
    await t.admin.patch(`/api/admin/staff/${reviewer.id}`).send({ disabled: true }).expect(200);
    expect(refusal(await reviewer.get('/api/admin/me'))).toEqual({ status: 401, code: 'UNAUTHENTICATED' });
    expect(refusal(await reviewer.get('/api/admin/applications'))).toEqual({
      status: 401,
      code: 'UNAUTHENTICATED',
    });
  });

  it('does not let a disabled account log in', async () => {
    const reviewer = await t.kit.staff('reviewer');
    await t.admin.patch(`/api/admin/staff/${reviewer.id}`).send({ disabled: true }).expect(200);
    expect(refusal(await login(reviewer.username, STAFF_PASSWORD))).toEqual({ status: 401, code: 'BAD_CREDENTIALS' });
  });

  it('keeps tokens issued before a disable invalid after re-enabling', async () => {
    const reviewer = await t.kit.staff('reviewer');
    await t.admin.patch(`/api/admin/staff/${reviewer.id}`).send({ disabled: true }).expect(200);
    await t.admin.patch(`/api/admin/staff/${reviewer.id}`).send({ disabled: false }).expect(200);
    expect(refusal(await reviewer.get('/api/admin/me'))).toEqual({ status: 401, code: 'UNAUTHENTICATED' });
    await login(reviewer.username, STAFF_PASSWORD).expect(200);
  });

  it('revokes existing tokens on a password change; the new password works', async () => {
    const reviewer = await t.kit.staff('reviewer');
    await t.admin.patch(`/api/admin/staff/${reviewer.id}`).send({ password: 'a-brand-new-password' }).expect(200);
    expect(refusal(await reviewer.get('/api/admin/me'))).toEqual({ status: 401, code: 'UNAUTHENTICATED' });
    expect(refusal(await login(reviewer.username, STAFF_PASSWORD))).toEqual({ status: 401, code: 'BAD_CREDENTIALS' });
    await login(reviewer.username, 'a-brand-new-password').expect(200);
  });
});

describe('ensureFirstAdmin', () => {
  it('creates the configured administrator once; a second call returns false', async () => {
    const name = username('Boss');
    expect(await ensureFirstAdmin(name, 'first-admin-password')).toBe(true);
    expect(await ensureFirstAdmin(name, 'another-password')).toBe(false);
    expect(await rawCollection('staffs').countDocuments({ username: name.toLowerCase() })).toBe(1);
    const res = await login(name, 'first-admin-password').expect(200);
    expect(res.body.staff).toMatchObject({ username: name.toLowerCase(), role: 'admin' });
  });

  it('does nothing without a configured username or password', async () => {
    const before = await rawCollection('staffs').countDocuments();
    expect(await ensureFirstAdmin(undefined, 'first-admin-password')).toBe(false);
    expect(await ensureFirstAdmin('someone', undefined)).toBe(false);
    expect(await rawCollection('staffs').countDocuments()).toBe(before);
  });
});
