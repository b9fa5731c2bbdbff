import mongoose from 'mongoose';
import {
  PNG_1X1,
  idNumber,
  profileInput,
  rawCollection,
  startTestApp,
  STAFF_PASSWORD,
  testKit,
  uniqueName,
  type TestContext,
} from '../kit';
import { concretePath, databaseFingerprint, diffFingerprints, routeKey } from './support';

/**
 * Ending sessions: logging out revokes the presented token (residents and
 * staff), a resident account joined into an officer's record is refused on
 * every resident route, and the login throttle keeps no typed username.
 */

let t: TestContext;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
const figures: string[] = [];
afterAll(() => console.log(`[security] sign-out, joined tokens, throttle keys:\n  ${figures.join('\n  ')}`));

describe('logout', () => {
  it('POST /api/auth/logout ends the resident token at once, and only that token', async () => {
    const kit = testKit(t);
    const resident = await kit.resident();
    const other = await kit.resident();
    await t.http.get('/api/me').set(bearer(resident.token)).expect(200);
    await t.http.post('/api/auth/logout').set(bearer(resident.token)).expect(204);
    for (const path of ['/api/me', '/api/applications', '/api/materials', '/api/me/messages']) {
      const res = await t.http.get(path).set(bearer(resident.token));
      expect([path, res.status, res.body?.error?.code]).toEqual([path, 401, 'UNAUTHENTICATED']);
    }
    expect((await t.http.post('/api/auth/logout').set(bearer(resident.token))).status).toBe(401);
    await t.http.get('/api/me').set(bearer(other.token)).expect(200);
    figures.push('resident logout: 204, then 401 on 4 resident routes and on a second logout; another resident unaffected');
  });

  it('POST /api/admin/logout ends the staff token at once; a new login works', async () => {
    const kit = testKit(t);
    const officer = await kit.officer('jmjy');
    await t.http.get('/api/admin/me').set(bearer(officer.token)).expect(200);
    await t.http.post('/api/admin/logout').set(bearer(officer.token)).expect(204);
    for (const path of ['/api/admin/me', '/api/admin/applications', '/api/admin/assisted/residents']) {
      const res = await t.http.get(path).set(bearer(officer.token));
      expect([path, res.status]).toEqual([path, 401]);
    }
    const again = await t.http.post('/api/admin/login').send({ username: officer.username, password: STAFF_PASSWORD }).expect(200);
    await t.http
      .get('/api/admin/me')
      .set(bearer(again.body.token as string))
      .expect(200);
    // The revocation is kept only until the token would have expired anyway.
    const stored = await rawCollection('revokedtokens').find({}).toArray();
    expect(stored.length).toBeGreaterThanOrEqual(1);
    for (const doc of stored) expect(doc.expiresAt).toBeInstanceOf(Date);
    figures.push('staff logout: 204, then 401 on 3 staff routes; logging in again works');
  });
});

describe('a resident account joined into an officer-registered record', () => {
  it('is refused with 401 on every resident route, and nothing it sends is stored', async () => {
    const kit = testKit(t);
    const officer = await kit.officer('jmjy');
    const profile = profileInput({ idNumber: idNumber(901, '19900101'), community: 'jmjy' });
    const registered = await t.http.post('/api/admin/assisted/residents').set(bearer(officer.token)).send(profile);
    expect(registered.status).toBe(201);
    const wechat = await kit.resident({ name: uniqueName('wx') });
    const wechatId = ((await t.http.get('/api/me').set(bearer(wechat.token)).expect(200)).body as { id: string }).id;
    const joined = await t.http.put('/api/me').set(bearer(wechat.token)).send(profile).expect(200);
    expect(joined.body.joined?.token).toEqual(expect.any(String));

    const routes = t.app.routes.filter((r) => r.access.kind === 'resident');
    expect(routes.length).toBeGreaterThanOrEqual(14);
    const before = await databaseFingerprint();
    const answers: string[] = [];
    for (const r of routes) {
      let req = t.http[r.method](concretePath(r)).set(bearer(wechat.token));
      if (r.bodyType === 'multipart')
        req = req.field('purpose', 'id_card').attach('file', PNG_1X1, { filename: 'a.png', contentType: 'image/png' });
      else if (r.method !== 'get') req = req.send(r.path === '/api/me' ? profile : {});
      const res = await req;
      if (res.status !== 401) answers.push(`${routeKey(r)} → ${res.status}`);
    }
    expect(answers).toEqual([]);
    expect(diffFingerprints(before, await databaseFingerprint())).toEqual([]);
    expect(await rawCollection('materials.files').countDocuments({ 'metadata.ownerId': new mongoose.Types.ObjectId(wechatId) })).toBe(0);
    figures.push(`joined token: ${routes.length} resident routes, all 401, no collection changed`);
  });
});

describe('the login throttle', () => {
  it('stores no typed username: an ID number typed as a username is in no document', async () => {
    const typed = idNumber(77, '19850505').toLowerCase();
    for (let i = 0; i < 3; i += 1) {
      await t.http
        .post('/api/admin/login')
        .send({ username: typed, password: `wrong-${i}` })
        .expect(401);
    }
    const db = mongoose.connection.db;
    if (!db) throw new Error('not connected');
    const throttle = await rawCollection('loginthrottles').find({}).toArray();
    expect(throttle.length).toBeGreaterThanOrEqual(2);
    const names = (await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name);
    const holding: string[] = [];
    for (const name of names) {
      const docs = await db.collection(name).find({}).toArray();
      const text = mongoose.mongo.BSON.EJSON.stringify(docs).toLowerCase();
      if (text.includes(typed)) holding.push(name);
    }
    expect(holding).toEqual([]);
    figures.push(`3 failed logins with an ID number as username: ${throttle.length} throttle rows, ${names.length} collections, 0 hold it`);
  });
});
