import type { ProfileInput } from '@minsheng/shared';
import { Types } from 'mongoose';
import {
  actor,
  type Actor,
  newLink,
  openLink,
  postApplication,
  postAssisted,
  rawCollection,
  readyToApply,
  refusal,
  registerAssisted,
  type Resident,
  uniqueName,
  uploadFor,
  uploadMaterial,
  useTestApp,
} from '../../../test/kit';
import { ensureIndexes } from '../../db/connection';
import { dropLegacyOpenidIndex, ResidentJoinModel, ResidentModel } from './model';
import { JOIN_ATTEMPTS } from './join';

const t = useTestApp({ staff: ['officer', 'admin'] });

async function meId(resident: Actor): Promise<string> {
  return ((await resident.get('/api/me').expect(200)).body as { id: string }).id;
}

/** A fresh WeChat login: the resident, their (empty) resident id and their openid. */
async function wechatLogin(): Promise<{ resident: Resident; id: string; openid: string }> {
  const openid = uniqueName('wx');
  const resident = await t.kit.resident({ name: openid });
  return { resident, id: await meId(resident), openid };
}

/** The WeChat login saves the registered person's profile and is joined to them; the answer and the joined account. */
async function join(wechat: { resident: Actor }, profile: ProfileInput) {
  const res = await wechat.resident.put('/api/me').send(profile).expect(200);
  return { res, joined: actor(t.baseUrl, res.body.joined.token as string) };
}

describe('joining a WeChat login to the resident an officer registered', () => {
  it('keeps the registered record, attaches the openid, drops the empty account and answers a new token', async () => {
    const { id, profile, body } = await readyToApply(t.officer);
    const submitted = await postAssisted(t.officer, id, body).expect(201);
    const wechat = await wechatLogin();

    const { res, joined } = await join(wechat, profile);
    expect(res.body.id).toBe(id);
    expect(res.body.joined).toEqual({ token: expect.any(String), expiresAt: expect.any(String) });
    expect(res.body.assisted).toEqual({ staffName: '测试officer', communityName: '景明佳园社区', consent: 'signed_form' });

    expect(await meId(joined)).toBe(id);
    const mine = await joined.get('/api/applications').expect(200);
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
      const stale = await wechat.resident[method](path).expect(401);
      expect(stale.body.error.code).toBe('UNAUTHENTICATED');
    }
    // Logging in again with WeChat reaches the joined account.
    expect(await meId(await t.kit.resident({ name: wechat.openid }))).toBe(id);
  });

  it('brings along materials the WeChat account uploaded before joining', async () => {
    const { id, profile } = await registerAssisted(t.officer);
    const wechat = await wechatLogin();
    const uploaded = await uploadMaterial(wechat.resident, 'id_card');
    const { res, joined } = await join(wechat, profile);
    const list = await joined.get('/api/materials').expect(200);
    expect((list.body.items as { id: string }[]).map((m) => m.id)).toContain(uploaded);
    expect(res.body.id).toBe(id);
  });

  it('lets the joined resident confirm pending consent, after which the officer may submit', async () => {
    const { body } = await readyToApply(t.officer);
    // A resident whose consent was never uploaded.
    const pending = await registerAssisted(t.officer);
    const { res, joined } = await join(await wechatLogin(), pending.profile);
    expect(res.body.assisted.consent).toBe('pending');

    const materialIds = [await uploadFor(t.officer, pending.id, 'id_card')];
    const before = await postAssisted(t.officer, pending.id, { ...body, materialIds });
    expect(refusal(before)).toEqual({ status: 403, code: 'CONSENT_REQUIRED' });

    const confirmed = await joined.post('/api/me/consent').expect(200);
    expect(confirmed.body.assisted.consent).toBe('confirmed');
    await postAssisted(t.officer, pending.id, { ...body, materialIds }).expect(201);
    const detail = await t.officer.get(`/api/admin/assisted/residents/${pending.id}`).expect(200);
    expect(detail.body).toMatchObject({ joined: true, consent: { status: 'confirmed' } });
  });

  it('answers 404 to a resident with nothing to confirm', async () => {
    const res = await (await t.kit.resident()).post('/api/me/consent').expect(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
  });

  it.each([
    ['name', { name: '王五' }],
    ['mobile', { mobile: '13800009999' }],
  ])('refuses with ID_NUMBER_TAKEN when the %s differs, changing nothing', async (_what, change) => {
    const { id, profile } = await registerAssisted(t.officer);
    const wechat = await wechatLogin();
    const before = await rawCollection('residents').findOne({ _id: new Types.ObjectId(id) });
    const res = await wechat.resident
      .put('/api/me')
      .send({ ...profile, ...change })
      .expect(409);
    expect(res.body.error.code).toBe('ID_NUMBER_TAKEN');
    expect(res.body.error.message).toMatch(/社区劳动保障站/);
    // Nothing about the registered record (who, where, which fields differ) is answered.
    expect(JSON.stringify(res.body)).not.toMatch(/测试officer|景明|jmjy|name|mobile/);
    expect(await rawCollection('residents').findOne({ _id: new Types.ObjectId(id) })).toEqual(before);
    expect((await wechat.resident.get('/api/me').expect(200)).body.profile).toBeNull();
    expect(await rawCollection('residentjoins').countDocuments({ _id: id as never })).toBe(0);
  });

  it('stops joining by itself after repeated mismatches, even with the right name and mobile', async () => {
    const { id, profile } = await registerAssisted(t.officer);
    const wechat = await wechatLogin();
    for (let i = 0; i < JOIN_ATTEMPTS.max; i += 1) {
      await wechat.resident
        .put('/api/me')
        .send({ ...profile, mobile: `1380000${String(1000 + i)}` })
        .expect(409);
    }
    const res = await wechat.resident.put('/api/me').send(profile).expect(409);
    expect(res.body.error.code).toBe('ID_NUMBER_TAKEN');
    expect((await rawCollection('residents').findOne({ _id: new Types.ObjectId(id) }))?.openid).toBeUndefined();
  });

  it('lets exactly one of two simultaneous logins join the same person', async () => {
    const { id, profile } = await registerAssisted(t.officer);
    const logins = await Promise.all(Array.from({ length: 6 }, () => wechatLogin()));
    const answers = await Promise.all(logins.map((l) => l.resident.put('/api/me').send(profile)));
    expect(answers.map((r) => r.status).sort()).toEqual([200, 409, 409, 409, 409, 409]);
    const winner = logins[answers.findIndex((r) => r.status === 200)];
    expect(answers.filter((r) => r.status === 409).every((r) => r.body.error.code === 'ID_NUMBER_TAKEN')).toBe(true);
    const raw = await rawCollection('residents').findOne({ _id: new Types.ObjectId(id) });
    expect(raw?.openid).toBe(winner?.openid);
    expect(await rawCollection('residents').countDocuments({ idNumberHash: raw?.idNumberHash })).toBe(1);
    // The losers keep their empty accounts.
    for (const l of logins.filter((x) => x !== winner)) expect((await l.resident.get('/api/me').expect(200)).body.profile).toBeNull();
  });

  it('keeps the sign-up link that brought the WeChat login as the joined account’s first touch', async () => {
    const first = await newLink(t.admin, { community: 'jmjy' });
    const { id, profile } = await registerAssisted(t.officer);
    const wechat = await wechatLogin();
    await openLink(wechat.resident, first.id);
    const { joined } = await join(wechat, profile);
    await openLink(joined, (await newLink(t.admin, { community: 'jmjy' })).id);
    const raw = await rawCollection('residents').findOne({ _id: new Types.ObjectId(id) });
    expect(String(raw?.attribution?.linkId)).toBe(first.id);
  });

  it('finishes a join that stopped half-way at the next WeChat login', async () => {
    const { id } = await registerAssisted(t.officer);
    const wechat = await wechatLogin();
    // As if the process died after claiming and removing the empty account, before attaching the openid.
    await ResidentJoinModel.create({ _id: id, openid: wechat.openid, wechatResidentId: wechat.id, at: new Date() });
    await ResidentModel.deleteOne({ _id: wechat.id });
    expect(await meId(await t.kit.resident({ name: wechat.openid }))).toBe(id);
    expect((await rawCollection('residentjoins').findOne({ _id: id as never }))?.completedAt).toBeInstanceOf(Date);
  });
});

describe('one live application per person and programme, whoever submits', () => {
  it('answers the joined resident 409 naming the application the officer submitted', async () => {
    const { id, profile, body } = await readyToApply(t.officer);
    const byOfficer = await postAssisted(t.officer, id, body).expect(201);
    const { joined } = await join(await wechatLogin(), profile);
    const res = await postApplication(joined, body);
    expect(refusal(res)).toEqual({ status: 409, code: 'DUPLICATE_APPLICATION' });
    expect(res.body.error.details).toMatchObject({ applicationId: byOfficer.body.id, number: byOfficer.body.number });
  });

  it('answers the officer 409 naming the application the joined resident submitted', async () => {
    const { id, profile, body } = await readyToApply(t.officer);
    const { joined } = await join(await wechatLogin(), profile);
    const own = await postApplication(joined, body).expect(201);
    const res = await postAssisted(t.officer, id, body);
    expect(refusal(res)).toEqual({ status: 409, code: 'DUPLICATE_APPLICATION' });
    expect(res.body.error.details).toMatchObject({ applicationId: own.body.id, number: own.body.number });
    expect(own.body.assistedBy).toBeNull();
  });
});

describe('personal data while joining', () => {
  it('keeps the ID number out of the raw collections and the logs', async () => {
    const { profile } = await registerAssisted(t.officer);
    await join(await wechatLogin(), profile);
    await (
      await wechatLogin()
    ).resident
      .put('/api/me')
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
    await registerAssisted(t.officer);
    await registerAssisted(t.officer);
    await t.kit.resident();
  });
});
