import { Types } from 'mongoose';
import {
  assistedProfile,
  expectRefused,
  oid,
  postAssisted,
  rawCollection,
  readyToApply,
  registerAssisted,
  uploadConsent,
  uploadFor,
  useTestApp,
  type StaffMember,
} from '../../../test/kit';

const t = useTestApp({}, async ({ kit }) => ({ officer: await kit.officer('jmjy'), otherOfficer: await kit.officer('bqsq') }));

const counts = async () => ({
  residents: await rawCollection('residents').countDocuments(),
  applications: await rawCollection('applications').countDocuments(),
  files: await rawCollection('materials.files').countDocuments(),
});

describe('registering a resident without a smartphone', () => {
  it('stores the profile sealed, consent pending, and who assisted', async () => {
    const profile = assistedProfile();
    const res = await t.officer.post('/api/admin/assisted/residents').send(profile).expect(201);
    expect(res.body).toMatchObject({
      name: profile.name,
      idNumberMasked: `${profile.idNumber?.slice(0, 3)}***********${profile.idNumber?.slice(-4)}`,
      mobileMasked: expect.stringMatching(/^\d{3}\*{4}\d{4}$/),
      birthYear: 1990,
      community: 'jmjy',
      communityName: '景明佳园社区',
      joined: false,
      consent: { status: 'pending', materialId: null, at: null },
      assistedBy: { staffName: '测试officer', community: 'jmjy', communityName: '景明佳园社区' },
    });
    const raw = await rawCollection('residents').findOne({ _id: new Types.ObjectId(res.body.id as string) });
    expect(raw?.openid).toBeUndefined();
    expect(raw?.assistedBy).toMatchObject({ staffId: t.officer.id, staffName: '测试officer', community: 'jmjy' });
    expect(raw?.profile.idNumberSealed).toMatch(/^v1\./);
  });

  it('lets several residents without an openid exist side by side (sparse unique index)', async () => {
    await registerAssisted(t.officer);
    await registerAssisted(t.officer);
    expect(await rawCollection('residents').countDocuments({ openid: { $exists: false } })).toBeGreaterThanOrEqual(2);
  });

  it('answers 403 to an officer of another community and stores nothing', async () => {
    const res = await expectRefused(
      () => t.otherOfficer.post('/api/admin/assisted/residents').send(assistedProfile({ community: 'jmjy' })),
      403,
      'FORBIDDEN',
      counts,
    );
    expect(res.body.error.message).toMatch(/本社区/);
  });

  it('lets an admin register in any community', async () => {
    const admin = await t.kit.staff('admin');
    await admin
      .post('/api/admin/assisted/residents')
      .send(assistedProfile({ community: 'bqsq' }))
      .expect(201);
  });

  it('answers 400 with fields.idNumber for a wrong check digit, as the resident form does', async () => {
    const good = assistedProfile().idNumber ?? '';
    const bad = good.slice(0, 17) + (good.endsWith('1') ? '2' : '1');
    const res = await expectRefused(
      () => t.officer.post('/api/admin/assisted/residents').send(assistedProfile({ idNumber: bad })),
      400,
      'VALIDATION_FAILED',
      counts,
    );
    expect(res.body.error.fields).toEqual({ idNumber: '身份证号不正确，请核对 18 位号码' });
  });

  it('answers 400 with fields.idNumber when the ID number is missing', async () => {
    const { idNumber: _omitted, ...withoutId } = assistedProfile();
    const res = await expectRefused(
      () => t.officer.post('/api/admin/assisted/residents').send(withoutId),
      400,
      'VALIDATION_FAILED',
      counts,
    );
    expect(Object.keys(res.body.error.fields)).toEqual(['idNumber']);
  });

  it('answers 409 ID_NUMBER_TAKEN when the ID number is registered already', async () => {
    const { profile } = await registerAssisted(t.officer);
    await expectRefused(
      () => t.officer.post('/api/admin/assisted/residents').send({ ...profile, name: '李四' }),
      409,
      'ID_NUMBER_TAKEN',
      counts,
    );
  });

  it("lists the officer's assisted residents and not another community's", async () => {
    const mine = await registerAssisted(t.officer);
    const res = await t.officer.get('/api/admin/assisted/residents').expect(200);
    const ids = (res.body.items as { id: string; community: string }[]).map((r) => r.id);
    expect(ids).toContain(mine.id);
    expect((res.body.items as { community: string }[]).every((r) => r.community === 'jmjy')).toBe(true);
    const other = await t.otherOfficer.get('/api/admin/assisted/residents').expect(200);
    expect((other.body.items as { id: string }[]).map((r) => r.id)).not.toContain(mine.id);
    await t.otherOfficer.get('/api/admin/assisted/residents').query({ community: 'jmjy' }).expect(403);
  });
});

describe('the resident’s certificate on their detail', () => {
  it('is null until one is applied for, then its status, and its number once the bureau issues it', async () => {
    const { id } = await registerAssisted(t.officer);
    const detail = async () => (await t.officer.get(`/api/admin/assisted/residents/${id}`).expect(200)).body.certificate;
    expect(await detail()).toBeNull();
    await uploadConsent(t.officer, id).expect(200);
    const materialIds = [await uploadFor(t.officer, id, 'employment_registration')];
    const applied = await t.officer
      .post(`/api/admin/assisted/residents/${id}/certificate`)
      .send({ categories: ['registered_unemployed'], materialIds })
      .expect(201);
    expect(await detail()).toEqual({
      id: applied.body.id,
      status: 'pending',
      statusLabel: '待社区核查',
      number: null,
      issuedAt: null,
      categories: ['registered_unemployed'],
    });
    const decide = (by: StaffMember, action: string, version: number) =>
      by.post(`/api/admin/certificates/${applied.body.id}/decisions`).send({ action, version }).expect(200);
    await decide(t.officer, 'check', 1);
    const issued = await decide(await t.kit.admin(), 'approve', 2);
    expect(await detail()).toMatchObject({
      id: applied.body.id,
      status: 'active',
      number: issued.body.number,
      issuedAt: expect.any(String),
    });
  });
});

describe('consent', () => {
  it('records the uploaded signed form as consent, stored in GridFS as the resident’s', async () => {
    const { id } = await registerAssisted(t.officer);
    const res = await uploadConsent(t.officer, id).expect(200);
    expect(res.body.consent).toEqual({
      status: 'signed_form',
      materialId: expect.stringMatching(/^[a-f0-9]{24}$/),
      at: expect.any(String),
    });
    const file = await rawCollection('materials.files').findOne({ _id: new Types.ObjectId(res.body.consent.materialId as string) });
    expect(String(file?.metadata.ownerId)).toBe(id);
    expect(file?.metadata.purpose).toBe('consent_form');
  });

  it('answers 415 for a form whose bytes are not an image or PDF, and consent stays pending', async () => {
    const { id } = await registerAssisted(t.officer);
    await expectRefused(() => uploadConsent(t.officer, id, Buffer.from('<html>not a scan</html>')), 415, 'UNSUPPORTED_MEDIA_TYPE', counts);
    const detail = await t.officer.get(`/api/admin/assisted/residents/${id}`).expect(200);
    expect(detail.body.consent.status).toBe('pending');
  });

  it("answers 404 to another community's officer and stores no file", async () => {
    const { id } = await registerAssisted(t.officer);
    await expectRefused(() => uploadConsent(t.otherOfficer, id), 404, 'NOT_FOUND', counts);
  });

  it('refuses submission while consent is pending (403 CONSENT_REQUIRED), storing nothing', async () => {
    const { body } = await readyToApply(t.officer);
    const pending = await registerAssisted(t.officer);
    const materialIds = [await uploadFor(t.officer, pending.id, 'id_card')];
    const res = await expectRefused(() => postAssisted(t.officer, pending.id, { ...body, materialIds }), 403, 'CONSENT_REQUIRED', counts);
    expect(res.body.error.message).toMatch(/授权/);
  });
});

describe('applying on the resident’s behalf', () => {
  it('registers, uploads consent and materials, submits, and follows the application end to end', async () => {
    const { id, body } = await readyToApply(t.officer);
    const res = await postAssisted(t.officer, id, body).expect(201);
    expect(res.body).toMatchObject({
      status: 'submitted',
      programTitle: expect.any(String),
      assistedBy: { staffName: '测试officer', community: 'jmjy', communityName: '景明佳园社区', at: expect.any(String) },
      applicant: { community: 'jmjy' },
      history: [{ action: 'submit', to: 'submitted', actorRole: 'officer', actorName: '测试officer' }],
    });
    expect(res.body.materials).toHaveLength(body.materialIds?.length ?? 0);

    const detail = await t.officer.get(`/api/admin/assisted/residents/${id}`).expect(200);
    expect(detail.body.applications).toEqual([
      expect.objectContaining({ id: res.body.id, number: res.body.number, assisted: true, status: 'submitted' }),
    ]);

    const staffView = await t.officer.get(`/api/admin/applications/${res.body.id}`).expect(200);
    expect(staffView.body.assistedBy.staffName).toBe('测试officer');
    const queue = await t.officer.get('/api/admin/applications').query({ q: res.body.number }).expect(200);
    expect(queue.body.items[0]).toMatchObject({ id: res.body.id, assisted: true });

    const raw = await rawCollection('applications').findOne({ _id: new Types.ObjectId(res.body.id as string) });
    expect(String(raw?.residentId)).toBe(id);
    expect(raw?.assistedBy).toMatchObject({ staffId: t.officer.id, staffName: '测试officer' });
    expect(raw?.history[0]).toMatchObject({ actorRole: 'officer', actorId: t.officer.id, actorName: '测试officer' });
  });

  it("answers 404 to another community's officer and stores no application", async () => {
    const { id, body } = await readyToApply(t.officer);
    await expectRefused(() => postAssisted(t.otherOfficer, id, body), 404, 'NOT_FOUND', counts);
  });

  it('answers 403 to a reviewer', async () => {
    const { id, body } = await readyToApply(t.officer);
    const reviewer = await t.kit.staff('reviewer');
    await expectRefused(() => postAssisted(reviewer, id, body), 403, 'FORBIDDEN', counts);
  });

  it('answers 404 for a resident who was not registered by an officer', async () => {
    const { body } = await readyToApply(t.officer);
    await expectRefused(() => postAssisted(t.officer, oid(), body), 404, 'NOT_FOUND', counts);
  });

  it('applies the resident’s own checks: missing materials are a 400 naming them', async () => {
    const { id, body } = await readyToApply(t.officer);
    const res = await expectRefused(() => postAssisted(t.officer, id, { ...body, materialIds: [] }), 400, 'VALIDATION_FAILED', counts);
    expect(res.body.error.fields.materialIds).toMatch(/身份证/);
  });

  it('answers 400 IDEMPOTENCY_KEY_REQUIRED without the header', async () => {
    const { id, body } = await readyToApply(t.officer);
    await expectRefused(
      () => t.officer.post(`/api/admin/assisted/residents/${id}/applications`).send(body),
      400,
      'IDEMPOTENCY_KEY_REQUIRED',
      counts,
    );
  });

  it('replays a retry with the same Idempotency-Key, also when sent in parallel', async () => {
    const { id, body } = await readyToApply(t.officer);
    const key = 'retry-0123456789abcdef';
    const first = await postAssisted(t.officer, id, body, key).expect(201);
    const again = await postAssisted(t.officer, id, body, key).expect(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body.id).toBe(first.body.id);

    const other = await readyToApply(t.officer);
    const parallel = await Promise.all(Array.from({ length: 8 }, () => postAssisted(t.officer, other.id, other.body, key)));
    expect(parallel.map((r) => r.status)).toEqual(Array(8).fill(201));
    expect(new Set(parallel.map((r) => r.body.id as string)).size).toBe(1);
    expect(await rawCollection('applications').countDocuments({ residentId: new Types.ObjectId(other.id) })).toBe(1);
  });

  it('answers 409 IDEMPOTENCY_KEY_REUSED for the same key with other content', async () => {
    const { id, body } = await readyToApply(t.officer);
    await postAssisted(t.officer, id, body, 'reused-key-0001').expect(201);
    const res = await postAssisted(
      t.officer,
      id,
      { ...body, form: { kind: 'stall', businessCategory: 'general_goods', businessPlan: '经营日用百货，服务周边居民' } },
      'reused-key-0001',
    );
    expect({ status: res.status, code: res.body.error.code }).toEqual({ status: 409, code: 'IDEMPOTENCY_KEY_REUSED' });
  });

  it('answers 409 DUPLICATE_APPLICATION naming the live one for a second key, also from another officer', async () => {
    const { id, body } = await readyToApply(t.officer);
    const first = await postAssisted(t.officer, id, body).expect(201);
    const colleague = await t.kit.staff('officer', { communities: ['jmjy'] });
    const res = await expectRefused(() => postAssisted(colleague, id, body), 409, 'DUPLICATE_APPLICATION', counts);
    expect(res.body.error.details).toMatchObject({ applicationId: first.body.id, number: first.body.number });
    expect(res.body.error.message).toContain(first.body.number);
    expect(res.body.error.message).toMatch(/^该居民/);
  });
});

describe('personal data', () => {
  it('keeps the ID number and mobile out of every raw collection and the logs', async () => {
    const { id, profile, body } = await readyToApply(t.officer);
    await postAssisted(t.officer, id, body).expect(201);
    await t.officer.get(`/api/admin/assisted/residents/${id}`).expect(200);
    const idNumber = profile.idNumber ?? '';
    for (const name of ['residents', 'applications', 'applicationrevisions', 'materials.files', 'residentjoins']) {
      const stored = JSON.stringify(await rawCollection(name).find().toArray());
      expect(stored).not.toContain(idNumber);
      expect(stored).not.toContain(idNumber.slice(0, 17));
      expect(stored).not.toContain(profile.mobile);
    }
    const logs = t.logs.join('');
    expect(logs).not.toContain(idNumber);
    expect(logs).not.toContain(profile.mobile);
  });

  it('never answers the ID number unmasked', async () => {
    const { id, profile } = await registerAssisted(t.officer);
    const list = await t.officer.get('/api/admin/assisted/residents').expect(200);
    const detail = await t.officer.get(`/api/admin/assisted/residents/${id}`).expect(200);
    expect(JSON.stringify([list.body, detail.body])).not.toContain(profile.idNumber);
  });
});
