import { SignJWT } from 'jose';
import { Types } from 'mongoose';
import {
  actor,
  idNumber,
  oid,
  profileInput,
  rawCollection,
  startTestApp,
  testKit,
  uniqueName,
  type Actor,
  type TestContext,
  type TestKit,
} from '../../../test/kit';

let t: TestContext;
let kit: TestKit;
beforeAll(async () => {
  t = await startTestApp({ seedCatalog: false });
  kit = testKit(t);
});
afterAll(() => t.close());

async function rawResident(id: string) {
  return rawCollection('residents').findOne({ _id: new Types.ObjectId(id) });
}

async function myId(resident: Actor): Promise<string> {
  const res = await resident.get('/api/me').expect(200);
  return (res.body as { id: string }).id;
}

describe('POST /api/auth/wechat', () => {
  it('exchanges a WeChat code for a resident token', async () => {
    const res = await t.http
      .post('/api/auth/wechat')
      .send({ code: `dev:${uniqueName()}` })
      .expect(200);
    expect(res.body.token).toEqual(expect.any(String));
    expect(new Date(res.body.expiresAt).getTime()).toBeGreaterThan(Date.now());
    const me = await actor(t.baseUrl, res.body.token).get('/api/me').expect(200);
    expect(me.body.profile).toBeNull();
  });

  it('logs the same WeChat user into the same account every time', async () => {
    const name = uniqueName();
    const first = await myId(await kit.resident({ name }));
    const second = await myId(await kit.resident({ name }));
    expect(second).toBe(first);
    expect(await rawCollection('residents').countDocuments({ openid: name })).toBe(1);
  });

  it('answers 401 UNAUTHENTICATED when WeChat refuses the code', async () => {
    const before = await rawCollection('residents').countDocuments();
    const res = await t.http.post('/api/auth/wechat').send({ code: 'not-a-real-code' }).expect(401);
    expect(res.body.error.code).toBe('UNAUTHENTICATED');
    expect(res.body.error.message).toMatch(/微信/);
    expect(await rawCollection('residents').countDocuments()).toBe(before);
  });

  it.each([
    ['the code is missing', {}, { code: '缺少登录凭证' }],
    ['the code is empty', { code: '' }, { code: expect.any(String) }],
    ['the code is longer than 128 characters', { code: `dev:${'a'.repeat(125)}` }, { code: '登录凭证过长' }],
    ['the code is not a string', { code: { $ne: null } }, { code: expect.any(String) }],
    ['an unknown extra field', { code: `dev:${uniqueName()}`, openid: 'someone-else' }, { _: expect.stringMatching(/openid/) }],
  ])('answers 400 VALIDATION_FAILED naming the field when %s', async (_, body, fields) => {
    const res = await t.http.post('/api/auth/wechat').send(body).expect(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.fields).toEqual(fields);
  });

  it('answers 415 when the body is not JSON', async () => {
    const res = await t.http.post('/api/auth/wechat').type('form').send('code=dev%3Aform').expect(415);
    expect(res.body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(await rawCollection('residents').countDocuments({ openid: 'form' })).toBe(0);
  });

  it('answers 400 MALFORMED_REQUEST for broken JSON', async () => {
    const res = await t.http.post('/api/auth/wechat').set('Content-Type', 'application/json').send('{"code": "dev:x"').expect(400);
    expect(res.body.error.code).toBe('MALFORMED_REQUEST');
  });

  it('answers 400 for a JSON body that is not an object', async () => {
    const res = await t.http.post('/api/auth/wechat').set('Content-Type', 'application/json').send('["dev:x"]').expect(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
  });
});

describe('GET /api/me', () => {
  it('answers 401 without a token', async () => {
    const res = await t.http.get('/api/me').expect(401);
    expect(res.body.error.code).toBe('UNAUTHENTICATED');
  });

  it('answers 401 for a garbage token', async () => {
    const res = await t.http.get('/api/me').set('Authorization', 'Bearer garbage.garbage.garbage').expect(401);
    expect(res.body.error.code).toBe('UNAUTHENTICATED');
  });

  it('answers 401 for a non-bearer Authorization header', async () => {
    const resident = await kit.resident();
    const res = await t.http.get('/api/me').set('Authorization', `Token ${resident.token}`).expect(401);
    expect(res.body.error.code).toBe('UNAUTHENTICATED');
  });

  it('answers 401 for a staff-audience token', async () => {
    const { token } = await t.app.context.deps.tokens.issue(oid(), 'staff');
    const res = await actor(t.baseUrl, token).get('/api/me').expect(401);
    expect(res.body.error.code).toBe('UNAUTHENTICATED');
  });

  it('answers 401 for a token signed with another secret', async () => {
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(oid())
      .setAudience('resident')
      .setIssuer('minsheng')
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode('a-different-secret-of-at-least-32-chars'));
    const res = await actor(t.baseUrl, token).get('/api/me').expect(401);
    expect(res.body.error.code).toBe('UNAUTHENTICATED');
  });

  it('answers 401 TOKEN_EXPIRED for an expired token', async () => {
    const id = await myId(await kit.resident());
    const now = Math.floor(Date.now() / 1000);
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(id)
      .setAudience('resident')
      .setIssuer('minsheng')
      .setIssuedAt(now - 7200)
      .setExpirationTime(now - 3600)
      .sign(new TextEncoder().encode(t.config.TOKEN_SECRET));
    const res = await actor(t.baseUrl, token).get('/api/me').expect(401);
    expect(res.body.error.code).toBe('TOKEN_EXPIRED');
  });

  it('answers 401 for an unsigned ("alg: none") token', async () => {
    const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const token = `${part({ alg: 'none', typ: 'JWT' })}.${part({ sub: oid(), aud: 'resident', iss: 'minsheng', exp: 9999999999 })}.`;
    const res = await actor(t.baseUrl, token).get('/api/me').expect(401);
    expect(res.body.error.code).toBe('UNAUTHENTICATED');
  });
});

describe('PUT /api/me', () => {
  it('saves the profile and shows the ID number masked', async () => {
    const resident = await kit.resident();
    const input = profileInput({ idNumber: idNumber(101, '19850612'), mobile: '13912345678', community: 'cjxc' });
    const res = await resident.put('/api/me').send(input).expect(200);
    expect(res.body.profile).toEqual({
      name: input.name,
      idNumberMasked: `${input.idNumber?.slice(0, 3)}***********${input.idNumber?.slice(-4)}`,
      birthDate: '1985-06-12',
      sex: 'male',
      mobile: '13912345678',
      community: 'cjxc',
      communityName: '春江新城社区',
      street: '铁心桥街道',
      householdType: 'urban',
      categories: input.categories,
      certificate: null,
      privacyNotice: { version: input.privacyNoticeVersion, at: expect.any(String), via: 'resident' },
    });
    expect(JSON.stringify(res.body)).not.toContain(input.idNumber);
  });

  it('shows the saved profile, still masked, on GET', async () => {
    const resident = await kit.resident({ profile: {} });
    const { profile } = resident;
    const res = await resident.get('/api/me').expect(200);
    expect(res.body.profile.name).toBe(profile.name);
    expect(res.body.profile.idNumberMasked).toMatch(/^\d{3}\*{11}[\dX]{4}$/);
    expect(JSON.stringify(res.body)).not.toContain(profile.idNumber);
  });

  it('normalises a lower-case x and spaces in the ID number and a +86 mobile', async () => {
    const resident = await kit.resident();
    const id = findIdEndingInX();
    const spaced = `${id.slice(0, 6)} ${id.slice(6, 14)} ${id.slice(14).toLowerCase()}`;
    const res = await resident
      .put('/api/me')
      .send(profileInput({ idNumber: spaced, mobile: '+86 139-0000-1111' }))
      .expect(200);
    expect(res.body.profile.idNumberMasked.endsWith(id.slice(-4))).toBe(true);
    expect(res.body.profile.mobile).toBe('13900001111');
  });

  it('answers 401 without a token and stores nothing', async () => {
    const res = await t.http.put('/api/me').send(profileInput()).expect(401);
    expect(res.body.error.code).toBe('UNAUTHENTICATED');
  });

  const good = idNumber(102);
  it.each([
    [
      'an ID number with a wrong check digit',
      profileInput({ idNumber: good.slice(0, 17) + (good.endsWith('1') ? '2' : '1') }),
      { idNumber: '身份证号不正确，请核对 18 位号码' },
    ],
    ['an impossible birth date', profileInput({ idNumber: idNumber(103, '19850230') }), { idNumber: expect.any(String) }],
    ['a 15-digit ID number', profileInput({ idNumber: '320114700315001' }), { idNumber: expect.any(String) }],
    ['a bad mobile', profileInput({ mobile: '12345678901' }), { mobile: '手机号不正确，应为 11 位手机号码' }],
    ['an unknown community', profileInput({ community: 'nowhere1' }), { community: expect.any(String) }],
    ['a name with digits', profileInput({ name: '张三3' }), { name: expect.any(String) }],
    ['an unknown category', { ...profileInput(), categories: ['retired'] }, { 'categories.0': expect.any(String) }],
    ['an unknown extra field', { ...profileInput(), role: 'admin' }, { _: expect.stringMatching(/role/) }],
  ])('answers 400 VALIDATION_FAILED naming the field for %s', async (_, profile, fields) => {
    const res = await (await kit.resident()).put('/api/me').send(profile).expect(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.fields).toEqual(fields);
  });

  it('answers 400 with fields.idNumber when the first save has no ID number', async () => {
    const resident = await kit.resident();
    const { idNumber: _omitted, ...withoutId } = profileInput();
    const res = await resident.put('/api/me').send(withoutId).expect(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.fields).toEqual({ idNumber: '请填写身份证号' });
    const me = await resident.get('/api/me').expect(200);
    expect(me.body.profile).toBeNull();
  });

  it('keeps the stored ID number when a later save leaves it out', async () => {
    const resident = await kit.resident({ profile: {} });
    const { profile } = resident;
    const before = await resident.get('/api/me').expect(200);
    const { idNumber: _omitted, ...withoutId } = profile;
    const res = await resident
      .put('/api/me')
      .send({ ...withoutId, mobile: '13700001234' })
      .expect(200);
    expect(res.body.profile.idNumberMasked).toBe(before.body.profile.idNumberMasked);
    expect(res.body.profile.birthDate).toBe(before.body.profile.birthDate);
    expect(res.body.profile.mobile).toBe('13700001234');
    const raw = await rawResident(before.body.id);
    expect(raw?.idNumberHash).toBe(raw?.profile.idNumberHash);
  });

  it('lets a resident change to another valid ID number', async () => {
    const resident = await kit.resident({ profile: {} });
    const res = await resident
      .put('/api/me')
      .send(profileInput({ idNumber: idNumber(104, '19920229') }))
      .expect(200);
    expect(res.body.profile.birthDate).toBe('1992-02-29');
  });

  it('answers 409 ID_NUMBER_TAKEN when another account holds the ID number', async () => {
    const { profile } = await kit.resident({ profile: {} });
    const other = await kit.resident();
    const res = await other
      .put('/api/me')
      .send(profileInput({ idNumber: profile.idNumber }))
      .expect(409);
    expect(res.body.error.code).toBe('ID_NUMBER_TAKEN');
    expect(Object.keys(res.body.error.fields)).toEqual(['idNumber']);
    const me = await other.get('/api/me').expect(200);
    expect(me.body.profile).toBeNull();
  });

  it('answers 409 ID_NUMBER_TAKEN for the same ID number written with a lower-case x', async () => {
    const id = findIdEndingInX(200);
    await kit.resident({ profile: { idNumber: id } });
    const other = await kit.resident();
    const res = await other
      .put('/api/me')
      .send(profileInput({ idNumber: id.toLowerCase() }))
      .expect(409);
    expect(res.body.error.code).toBe('ID_NUMBER_TAKEN');
  });

  it('lets the holder save their own ID number again', async () => {
    const resident = await kit.resident({ profile: {} });
    const { profile } = resident;
    await resident.put('/api/me').send(profile).expect(200);
  });

  it('never stores the ID number or the mobile in plaintext', async () => {
    const resident = await kit.resident({ profile: {} });
    const { profile } = resident;
    const id = await myId(resident);
    const raw = await rawResident(id);
    expect(raw).not.toBeNull();
    const stored = JSON.stringify(raw);
    expect(stored).not.toContain(profile.idNumber);
    expect(stored).not.toContain(profile.mobile);
    expect(stored).not.toContain(profile.idNumber?.slice(0, 17));
    expect(raw?.profile.idNumberSealed).toMatch(/^v1\./);
    expect(raw?.profile.mobileSealed).toMatch(/^v1\./);
  });

  it('keeps the ID number and the mobile out of the logs', async () => {
    const { profile } = await kit.resident({ profile: {} });
    const logs = t.logs.join('');
    expect(logs).not.toContain(profile.idNumber);
    expect(logs).not.toContain(profile.mobile);
  });

  it('leaves the stored profile unchanged when a save is refused', async () => {
    const resident = await kit.resident({ profile: {} });
    const { profile } = resident;
    const id = await myId(resident);
    const before = await rawResident(id);
    const taken = (await kit.resident({ profile: {} })).profile.idNumber;
    const refused = [
      { ...profile, community: 'nowhere1', name: '李四' },
      { ...profile, mobile: '123', name: '李四' },
      { ...profile, idNumber: '320114197003150000', name: '李四' },
      { ...profile, idNumber: taken, name: '李四' },
      { ...profile, name: '李四', isAdmin: true },
    ];
    for (const body of refused) {
      const res = await resident.put('/api/me').send(body);
      expect([400, 409]).toContain(res.status);
    }
    expect(await rawResident(id)).toEqual(before);
  });
});

/** A valid ID number whose check character is X. */
function findIdEndingInX(from = 1): string {
  for (let n = from; n < from + 1000; n += 1) {
    const id = idNumber(n, '19800101');
    if (id.endsWith('X')) return id;
  }
  throw new Error('no ID number ending in X found');
}

describe('POST /api/me/phone-number', () => {
  it("answers the number WeChat's button stands for", async () => {
    const resident = await kit.resident();
    const res = await resident.post('/api/me/phone-number').send({ code: 'dev-phone:13912345678' }).expect(200);
    expect(res.body).toEqual({ mobile: '13912345678' });
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('answers 400 when WeChat refuses the code', async () => {
    const resident = await kit.resident();
    const res = await resident.post('/api/me/phone-number').send({ code: 'expired' }).expect(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
  });

  it('answers 400 without a code', async () => {
    const resident = await kit.resident();
    const res = await resident.post('/api/me/phone-number').send({}).expect(400);
    expect(res.body.error.fields).toHaveProperty('code');
  });
});
