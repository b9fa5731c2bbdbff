import { Types } from 'mongoose';
import { loginResident, PNG_1X1, postApplication, uniqueName } from '../../test/factories';
import { staffToken } from '../../test/staff';
import { rawCollection, startTestApp, type TestContext } from '../../test/support';
import { ensureIndexes } from '../../db/connection';
import { dropLegacyOpenidIndex, ResidentJoinModel, ResidentModel } from './model';
import { JOIN_ATTEMPTS } from './join';
import { bearer, postAssisted, readyToApply, registerAssisted, uploadFor } from '../assisted/test-helpers';

let t: TestContext;
let officer: { token: string; id: string };
beforeAll(async () => {
  t = await startTestApp();
  officer = await staffToken(t, 'officer', ['jmjy']);
});
afterAll(() => t.close());

async function meId(token: string): Promise<string> {
  return ((await t.http.get('/api/me').set(bearer(token)).expect(200)).body as { id: string }).id;
}

/** A fresh WeChat login: its (empty) resident id, openid and token. */
async function wechatLogin(): Promise<{ token: string; id: string; openid: string }> {
  const openid = uniqueName('wx');
  const token = await loginResident(t, openid);
  return { token, id: await meId(token), openid };
}

describe('joining a WeChat login to the resident an officer registered', () => {
  it('keeps the registered record, attaches the openid, drops the empty account and answers a new token', async () => {
    const { id, profile, body } = await readyToApply(t, officer.token);
    const submitted = await postAssisted(t, officer.token, id, body).expect(201);
    const wechat = await wechatLogin();

    const res = await t.http.put('/api/me').set(bearer(wechat.token)).send(profile).expect(200);
    expect(res.body.id).toBe(id);
    expect(res.body.joined).toEqual({ token: expect.any(String), expiresAt: expect.any(String) });
    expect(res.body.assisted).toEqual({ staffName: '测试officer', communityName: '景明佳园社区', consent: 'signed_form' });

    const token = res.body.joined.token as string;
    expect(await meId(token)).toBe(id);
    const mine = await t.http.get('/api/applications').set(bearer(token)).expect(200);
    expect(mine.body.items).toEqual([
      expect.objectContaining({
        id: submitted.body.id,
        assistedBy: expect.objectContaining({ staffName: '测试officer', communityName: '景明佳园社区' }),
        history: [expect.objectContaining({ action: 'submit', actorRole: 'officer' })],
      }),
    ]);
    // Residents see the role of who acted, never staff names in the history.
    expect(mine.body.items[0].history[0].actorName).toBeUndefined();

    expect(await rawCollection('residents').findOne({ _id: new Types.ObjectId(wechat.id) })).toBeNull();
    expect((await rawCollection('residents').findOne({ _id: new Types.ObjectId(id) }))?.openid).toBe(wechat.openid);
    // The old token names an account that no longer exists: 401, so the phone logs in again.
    for (const [method, path] of [
      ['get', '/api/me'],
      ['post', '/api/me/consent'],
    ] as const) {
      const stale = await t.http[method](path).set(bearer(wechat.token)).expect(401);
      expect(stale.body.error.code).toBe('UNAUTHENTICATED');
    }
    // Logging in again with WeChat reaches the joined account.
    expect(await meId(await loginResident(t, wechat.openid))).toBe(id);
  });

  it('brings along materials the WeChat account uploaded before joining', async () => {
    const { id, profile } = await registerAssisted(t, officer.token);
    const wechat = await wechatLogin();
    const upload = await t.http
      .post('/api/materials')
      .set(bearer(wechat.token))
      .field('purpose', 'id_card')
      .attach('file', PNG_1X1, { filename: 'a.png', contentType: 'image/png' })
      .expect(201);
    const res = await t.http.put('/api/me').set(bearer(wechat.token)).send(profile).expect(200);
    const list = await t.http
      .get('/api/materials')
      .set(bearer(res.body.joined.token as string))
      .expect(200);
    expect((list.body.items as { id: string }[]).map((m) => m.id)).toContain(upload.body.id);
    expect(res.body.id).toBe(id);
  });

  it('lets the joined resident confirm pending consent, after which the officer may submit', async () => {
    const { body } = await readyToApply(t, officer.token);
    // A resident whose consent was never uploaded.
    const pending = await registerAssisted(t, officer.token);
    const wechat = await wechatLogin();
    const joined = await t.http.put('/api/me').set(bearer(wechat.token)).send(pending.profile).expect(200);
    expect(joined.body.assisted.consent).toBe('pending');
    const token = joined.body.joined.token as string;

    const materialIds = [await uploadFor(t, officer.token, pending.id, 'id_card')];
    const before = await postAssisted(t, officer.token, pending.id, { ...body, materialIds });
    expect({ status: before.status, code: before.body.error.code }).toEqual({ status: 403, code: 'CONSENT_REQUIRED' });

    const confirmed = await t.http.post('/api/me/consent').set(bearer(token)).expect(200);
    expect(confirmed.body.assisted.consent).toBe('confirmed');
    await postAssisted(t, officer.token, pending.id, { ...body, materialIds }).expect(201);
    const detail = await t.http.get(`/api/admin/assisted/residents/${pending.id}`).set(bearer(officer.token)).expect(200);
    expect(detail.body).toMatchObject({ joined: true, consent: { status: 'confirmed' } });
  });

  it('answers 404 to a resident with nothing to confirm', async () => {
    const res = await t.http
      .post('/api/me/consent')
      .set(bearer(await loginResident(t)))
      .expect(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
  });

  it.each([
    ['name', { name: '王五' }],
    ['mobile', { mobile: '13800009999' }],
  ])('refuses with ID_NUMBER_TAKEN when the %s differs, changing nothing', async (_what, change) => {
    const { id, profile } = await registerAssisted(t, officer.token);
    const wechat = await wechatLogin();
    const before = await rawCollection('residents').findOne({ _id: new Types.ObjectId(id) });
    const res = await t.http
      .put('/api/me')
      .set(bearer(wechat.token))
      .send({ ...profile, ...change })
      .expect(409);
    expect(res.body.error.code).toBe('ID_NUMBER_TAKEN');
    expect(res.body.error.message).toMatch(/社区劳动保障站/);
    // Nothing about the registered record (who, where, which fields differ) is answered.
    expect(JSON.stringify(res.body)).not.toMatch(/测试officer|景明|jmjy|name|mobile/);
    expect(await rawCollection('residents').findOne({ _id: new Types.ObjectId(id) })).toEqual(before);
    expect((await t.http.get('/api/me').set(bearer(wechat.token)).expect(200)).body.profile).toBeNull();
    expect(await rawCollection('residentjoins').countDocuments({ _id: id as never })).toBe(0);
  });

  it('stops joining by itself after repeated mismatches, even with the right name and mobile', async () => {
    const { id, profile } = await registerAssisted(t, officer.token);
    const wechat = await wechatLogin();
    for (let i = 0; i < JOIN_ATTEMPTS.max; i += 1) {
      await t.http
        .put('/api/me')
        .set(bearer(wechat.token))
        .send({ ...profile, mobile: `1380000${String(1000 + i)}` })
        .expect(409);
    }
    const res = await t.http.put('/api/me').set(bearer(wechat.token)).send(profile).expect(409);
    expect(res.body.error.code).toBe('ID_NUMBER_TAKEN');
    expect((await rawCollection('residents').findOne({ _id: new Types.ObjectId(id) }))?.openid).toBeUndefined();
  });

  it('lets exactly one of two simultaneous logins join the same person', async () => {
    const { id, profile } = await registerAssisted(t, officer.token);
    const logins = await Promise.all(Array.from({ length: 6 }, () => wechatLogin()));
    const answers = await Promise.all(logins.map((l) => t.http.put('/api/me').set(bearer(l.token)).send(profile)));
    expect(answers.map((r) => r.status).sort()).toEqual([200, 409, 409, 409, 409, 409]);
    const winner = logins[answers.findIndex((r) => r.status === 200)];
    expect(answers.filter((r) => r.status === 409).every((r) => r.body.error.code === 'ID_NUMBER_TAKEN')).toBe(true);
    const raw = await rawCollection('residents').findOne({ _id: new Types.ObjectId(id) });
    expect(raw?.openid).toBe(winner?.openid);
    expect(await rawCollection('residents').countDocuments({ idNumberHash: raw?.idNumberHash })).toBe(1);
    // The losers keep their empty accounts.
    for (const l of logins.filter((x) => x !== winner))
      expect((await t.http.get('/api/me').set(bearer(l.token)).expect(200)).body.profile).toBeNull();
  });

  it('keeps the sign-up link that brought the WeChat login as the joined account’s first touch', async () => {
    const admin = await staffToken(t, 'admin');
    const link = async () =>
      (await t.http.post('/api/admin/links').set(bearer(admin.token)).send({ community: 'jmjy' }).expect(201)).body.id as string;
    const first = await link();
    const { id, profile } = await registerAssisted(t, officer.token);
    const wechat = await wechatLogin();
    await t.http
      .post(`/api/links/${first}/open`)
      .set(bearer(wechat.token))
      .expect((res) => expect(res.status).toBeLessThan(300));
    const joined = await t.http.put('/api/me').set(bearer(wechat.token)).send(profile).expect(200);
    await t.http
      .post(`/api/links/${await link()}/open`)
      .set(bearer(joined.body.joined.token as string))
      .expect((res) => expect(res.status).toBeLessThan(300));
    const raw = await rawCollection('residents').findOne({ _id: new Types.ObjectId(id) });
    expect(String(raw?.attribution?.linkId)).toBe(first);
  });

  it('finishes a join that stopped half-way at the next WeChat login', async () => {
    const { id } = await registerAssisted(t, officer.token);
    const wechat = await wechatLogin();
    // As if the process died after claiming and removing the empty account, before attaching the openid.
    await ResidentJoinModel.create({ _id: id, openid: wechat.openid, wechatResidentId: wechat.id, at: new Date() });
    await ResidentModel.deleteOne({ _id: wechat.id });
    expect(await meId(await loginResident(t, wechat.openid))).toBe(id);
    expect((await rawCollection('residentjoins').findOne({ _id: id as never }))?.completedAt).toBeInstanceOf(Date);
  });
});

describe('one live application per person and programme, whoever submits', () => {
  it('answers the joined resident 409 naming the application the officer submitted', async () => {
    const { id, profile, body } = await readyToApply(t, officer.token);
    const byOfficer = await postAssisted(t, officer.token, id, body).expect(201);
    const joined = await t.http
      .put('/api/me')
      .set(bearer((await wechatLogin()).token))
      .send(profile)
      .expect(200);
    const res = await postApplication(t, joined.body.joined.token as string, body);
    expect({ status: res.status, code: res.body.error.code }).toEqual({ status: 409, code: 'DUPLICATE_APPLICATION' });
    expect(res.body.error.details).toMatchObject({ applicationId: byOfficer.body.id, number: byOfficer.body.number });
  });

  it('answers the officer 409 naming the application the joined resident submitted', async () => {
    const { id, profile, body } = await readyToApply(t, officer.token);
    const joined = await t.http
      .put('/api/me')
      .set(bearer((await wechatLogin()).token))
      .send(profile)
      .expect(200);
    const own = await postApplication(t, joined.body.joined.token as string, body).expect(201);
    const res = await postAssisted(t, officer.token, id, body);
    expect({ status: res.status, code: res.body.error.code }).toEqual({ status: 409, code: 'DUPLICATE_APPLICATION' });
    expect(res.body.error.details).toMatchObject({ applicationId: own.body.id, number: own.body.number });
    expect(own.body.assistedBy).toBeNull();
  });
});

describe('personal data while joining', () => {
  it('keeps the ID number out of the raw collections and the logs', async () => {
    const { profile } = await registerAssisted(t, officer.token);
    await t.http
      .put('/api/me')
      .set(bearer((await wechatLogin()).token))
      .send(profile)
      .expect(200);
    await t.http
      .put('/api/me')
      .set(bearer((await wechatLogin()).token))
      .send({ ...profile, name: '赵六' })
      .expect(409);
    const idNumber = profile.idNumber ?? '';
    for (const name of ['residents', 'residentjoins', 'applications']) {
      expect(JSON.stringify(await rawCollection(name).find().toArray())).not.toContain(idNumber.slice(0, 17));
    }
    expect(t.logs.join('')).not.toContain(idNumber.slice(0, 17));
  });
});

describe('the openid index', () => {
  it('replaces an old non-sparse unique openid index so several residents may lack an openid', async () => {
    const residents = rawCollection('residents');
    await residents.dropIndex('openid_sparse');
    await residents.createIndex({ openid: 1 }, { unique: true, name: 'openid_1' });
    expect(await dropLegacyOpenidIndex()).toBe(true);
    await ensureIndexes();
    expect(await dropLegacyOpenidIndex()).toBe(false);
    const names = (await residents.indexes()).map((i) => i.name);
    expect(names).toContain('openid_sparse');
    expect(names).not.toContain('openid_1');
    await registerAssisted(t, officer.token);
    await registerAssisted(t, officer.token);
    await loginResident(t);
  });
});
