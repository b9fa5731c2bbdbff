import { Types } from 'mongoose';
import {
  applicant,
  asBytes,
  certify,
  eligibleProfile,
  expectRefused,
  ok,
  PNG_1X1,
  postApplication,
  rawCollection,
  refusedApplication,
  registerAssisted,
  uploadConsent,
  uploadFor,
  uploadMaterial,
  useTestApp,
  type Resident,
  type StaffMember,
} from '../../../test/kit';
import { STEP_REASON_MAX } from '@minsheng/shared';
import { migrateTypedCertificates } from './service';

const t = useTestApp();

let officer: StaffMember;
let reviewer: StaffMember;
beforeAll(async () => {
  officer = await t.kit.officer('yxc');
  reviewer = await t.kit.staff('reviewer');
});

/** The resident applies with a photo; the answer must have `status`. */
async function applyFor(resident: Resident, status = 201, categories = ['hard_to_employ']) {
  const materialIds = [await uploadMaterial(resident, 'employment_registration')];
  return resident.post('/api/me/certificate').send({ categories, materialIds }).expect(status);
}

const decide = (by: StaffMember, id: string, body: Record<string, unknown>) =>
  by.post(`/api/admin/certificates/${id}/decisions`).send(body);

const messagesOf = async (resident: Resident) =>
  (await resident.get('/api/me/messages').expect(200)).body.items as Record<string, unknown>[];

describe('a typed certificate number', () => {
  it('is refused on its field and unlocks nothing', async () => {
    const resident = await t.kit.resident({ profile: eligibleProfile() });
    const res = await resident.put('/api/me').send({ ...resident.profile, reemploymentCertificateNo: 'FAKE-0000' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(Object.keys(res.body.error.fields)).toEqual(['reemploymentCertificateNo']);
    const me = await resident.get('/api/me').expect(200);
    expect(me.body.profile.certificate).toBeNull();
    const stored = await rawCollection('residents').findOne({ _id: new Types.ObjectId(String(me.body.id)) });
    expect(stored?.profile).toBeDefined();
    expect(JSON.stringify(stored)).not.toContain('FAKE');
  });

  it('no longer opens the loan or the subsidy: both answer NOT_ELIGIBLE without a verified certificate', async () => {
    for (const code of ['loan-guaranteed', 'subsidy-flexible-insurance']) {
      const { resident, body } = await applicant(t.kit, code);
      // A second resident with the same typed profile but no certificate.
      const bare = await t.kit.resident({ profile: eligibleProfile() });
      const materialIds: string[] = [];
      for (const purpose of ['id_card', 'reemployment_certificate', 'insurance_receipt'])
        materialIds.push(await uploadMaterial(bare, purpose));
      const res = await refusedApplication(() => postApplication(bare, { ...body, materialIds }), 422, 'NOT_ELIGIBLE');
      expect(res.body.error.message).toContain('就业创业证');
      await postApplication(resident, body).expect(201);
    }
  });
});

describe('the certificate’s lifecycle', () => {
  it('goes from application through the station’s check to the bureau’s approval, which issues the number', async () => {
    const resident = await t.kit.resident({ profile: eligibleProfile() });
    const applied = await applyFor(resident);
    expect(applied.body).toMatchObject({ status: 'pending', statusLabel: '待社区核查', number: null, issuedAt: null });
    await applyFor(resident, 409);

    const queue = await officer.get('/api/admin/certificates').expect(200);
    const row = (queue.body.items as { id: string; actions: string[]; idNumberMasked: string }[]).find((c) => c.id === applied.body.id);
    expect(row?.actions).toEqual(['check', 'reject']);
    expect(row?.idNumberMasked).toMatch(/\*{6}/);

    // The station cannot approve; the bureau cannot approve before the check.
    expect((await decide(officer, applied.body.id, { action: 'approve', version: 1 })).status).toBe(403);
    expect((await decide(reviewer, applied.body.id, { action: 'approve', version: 1 })).status).toBe(409);
    const checked = await decide(officer, applied.body.id, { action: 'check', version: 1 }).expect(200);
    expect(checked.body.status).toBe('checked');
    // A decision from a version someone else already moved on from is stale.
    expect((await decide(officer, applied.body.id, { action: 'check', version: 1 })).body.error.code).toBe('STALE_VERSION');

    const issued = await decide(reviewer, applied.body.id, { action: 'approve', version: 2 }).expect(200);
    expect(issued.body).toMatchObject({ status: 'active', statusLabel: '已核验', version: 3 });
    expect(issued.body.number).toMatch(/^JC-\d{4}-\d{6}$/);
    expect(issued.body.issuedAt).toEqual(expect.any(String));

    const me = await resident.get('/api/me').expect(200);
    expect(me.body.profile.certificate).toMatchObject({
      statusLabel: '已核验',
      number: issued.body.number,
      categories: ['hard_to_employ'],
    });
    expect((await messagesOf(resident))[0]).toMatchObject({ kind: 'certificate_issued', certificateId: applied.body.id });

    const audits = await rawCollection('audits')
      .find({ certificateId: new Types.ObjectId(String(applied.body.id)) })
      .toArray();
    expect(audits.map((a) => a.action).sort()).toEqual(['certificate_approve', 'certificate_check']);
  });

  it('refuses a rejection without a reason, and tells the resident the reason of one', async () => {
    const resident = await t.kit.resident({ profile: eligibleProfile() });
    const applied = await applyFor(resident);
    const noReason = await decide(officer, applied.body.id, { action: 'reject', version: 1 });
    expect({ status: noReason.status, fields: Object.keys(noReason.body.error.fields ?? {}) }).toEqual({ status: 400, fields: ['reason'] });
    await decide(officer, applied.body.id, { action: 'reject', version: 1, reason: '材料不清晰' }).expect(200);
    expect((await messagesOf(resident))[0]).toMatchObject({ kind: 'certificate_rejected', body: expect.stringContaining('材料不清晰') });
    // A refused record no longer stands: the resident may apply again.
    await applyFor(resident);
  });

  it('keeps another community’s officer out', async () => {
    const resident = await t.kit.resident({ profile: eligibleProfile() });
    const applied = await applyFor(resident);
    const other = await t.kit.officer('jmjy');
    expect((await other.get(`/api/admin/certificates/${applied.body.id}`)).status).toBe(404);
    expect((await decide(other, applied.body.id, { action: 'check', version: 1 })).status).toBe(404);
  });
});

describe('the evidence, for staff', () => {
  it('lists each file on the detail and opens it for the station and the bureau, only through its own certificate', async () => {
    const resident = await t.kit.resident({ profile: eligibleProfile() });
    const evidence = await uploadMaterial(resident, 'employment_registration');
    const applied = await resident
      .post('/api/me/certificate')
      .send({ categories: ['hard_to_employ'], materialIds: [evidence] })
      .expect(201);
    const notEvidence = await uploadMaterial(resident, 'id_card');

    const detail = await officer.get(`/api/admin/certificates/${applied.body.id}`).expect(200);
    expect(detail.headers['cache-control']).toBe('no-store');
    expect(detail.body.materials).toEqual([
      expect.objectContaining({ id: evidence, purpose: 'employment_registration', contentType: 'image/png', size: PNG_1X1.length }),
    ]);

    const open = (by: StaffMember, certificateId: string, materialId: string) =>
      asBytes(by.get(`/api/admin/certificates/${certificateId}/materials/${materialId}`));
    for (const by of [officer, reviewer]) {
      const file = await open(by, applied.body.id, evidence).expect(200);
      expect(file.headers['content-type']).toBe('image/png');
      expect(file.headers['cache-control']).toBe('private, no-store');
      expect(Buffer.compare(file.body as Buffer, PNG_1X1)).toBe(0);
    }
    // The resident's other file is not evidence; another community's officer sees no certificate; a file
    // attached to another certificate does not open through this one.
    expect((await open(officer, applied.body.id, notEvidence)).status).toBe(404);
    expect((await open(await t.kit.officer('jmjy'), applied.body.id, evidence)).status).toBe(404);
    const second = await applyFor(await t.kit.resident({ profile: eligibleProfile() }));
    expect((await open(officer, second.body.id, evidence)).status).toBe(404);

    // A step answers the detail too, so the page keeps its evidence after it.
    const checked = await decide(officer, applied.body.id, { action: 'check', version: 1 }).expect(200);
    expect(checked.body.materials.map((m: { id: string }) => m.id)).toEqual([evidence]);
  });

  it('refuses a reason longer than every step’s limit on its field, storing nothing', async () => {
    const resident = await t.kit.resident({ profile: eligibleProfile() });
    const applied = await applyFor(resident);
    const res = await decide(officer, applied.body.id, { action: 'reject', version: 1, reason: '材'.repeat(STEP_REASON_MAX + 1) });
    expect({ status: res.status, fields: res.body.error.fields }).toEqual({
      status: 400,
      fields: { reason: `原因最多 ${STEP_REASON_MAX} 字` },
    });
    expect((await officer.get(`/api/admin/certificates/${applied.body.id}`).expect(200)).body).toMatchObject({
      status: 'pending',
      version: 1,
    });
    await decide(officer, applied.body.id, { action: 'reject', version: 1, reason: '材'.repeat(STEP_REASON_MAX) }).expect(200);
  });
});

describe('suspension', () => {
  it('blocks a new submission that needs the certificate, tells the resident, and reinstating lifts it', async () => {
    const { resident, body } = await applicant(t.kit, 'loan-guaranteed');
    const certificate = (await resident.get('/api/me/certificate').expect(200)).body.certificate as { id: string; number: string };
    const suspended = await decide(reviewer, certificate.id, { action: 'suspend', version: 3, reason: '已实现就业' }).expect(200);
    expect(suspended.body.status).toBe('suspended');
    expect((await messagesOf(resident))[0]).toMatchObject({
      kind: 'certificate_suspended',
      statusLabel: '已暂停',
      body: expect.stringContaining(certificate.number),
    });
    const refused = await refusedApplication(() => postApplication(resident, body), 422, 'NOT_ELIGIBLE');
    expect(refused.body.error.message).toContain('已暂停');

    await decide(reviewer, certificate.id, { action: 'reinstate', version: 4 }).expect(200);
    await postApplication(resident, body).expect(201);
  });

  it('cancelling ends the record: the profile shows 已注销 and the resident may apply anew', async () => {
    const resident = await t.kit.resident({ profile: eligibleProfile() });
    const issued = await certify(t.kit, resident);
    expect((await decide(officer, issued.id, { action: 'cancel', version: 3, reason: '迁出本区' })).status).toBe(403);
    await decide(reviewer, issued.id, { action: 'cancel', version: 3, reason: '迁出本区' }).expect(200);
    expect((await resident.get('/api/me').expect(200)).body.profile.certificate.statusLabel).toBe('已注销');
    await applyFor(resident);
  });
});

describe('an officer applying for an assisted resident', () => {
  it('applies with materials uploaded for them, and the station’s queue shows it', async () => {
    const station = await t.kit.officer('jmjy');
    const { id } = await registerAssisted(station);
    await ok(uploadConsent(station, id));
    const materialId = await uploadFor(station, id, 'employment_registration');
    const applied = await station
      .post(`/api/admin/assisted/residents/${id}/certificate`)
      .send({ categories: ['registered_unemployed'], materialIds: [materialId] })
      .expect(201);
    expect(applied.body).toMatchObject({ residentId: id, status: 'pending', actions: ['check', 'reject'] });
    expect(applied.body.history[0]).toMatchObject({ action: 'apply', actorRole: 'officer' });
    // Another resident's material is not evidence for this one.
    const stranger = await t.kit.resident({ profile: eligibleProfile() });
    const foreign = await uploadMaterial(stranger, 'employment_registration');
    const { id: other } = await registerAssisted(station);
    await ok(uploadConsent(station, other));
    const res = await station
      .post(`/api/admin/assisted/residents/${other}/certificate`)
      .send({ categories: ['registered_unemployed'], materialIds: [foreign] });
    expect({ status: res.status, fields: Object.keys(res.body.error.fields ?? {}) }).toEqual({ status: 400, fields: ['materialIds'] });
  });

  it('is refused on the consent while the resident has not authorised the station, storing nothing', async () => {
    const station = await t.kit.officer('jmjy');
    const { id } = await registerAssisted(station);
    const materialId = await uploadFor(station, id, 'employment_registration');
    const stored = async () => ({
      certificates: await rawCollection('certificates').countDocuments({ residentId: new Types.ObjectId(id) }),
      audits: await rawCollection('audits').countDocuments(),
    });
    const res = await expectRefused(
      () =>
        station
          .post(`/api/admin/assisted/residents/${id}/certificate`)
          .send({ categories: ['registered_unemployed'], materialIds: [materialId] }),
      403,
      'CONSENT_REQUIRED',
      stored,
    );
    expect(Object.keys(res.body.error.fields ?? {})).toEqual(['consent']);
    expect(res.body.error.message).toMatch(/授权/);
    // Once the signed form is uploaded, the same request goes through.
    await ok(uploadConsent(station, id));
    await station
      .post(`/api/admin/assisted/residents/${id}/certificate`)
      .send({ categories: ['registered_unemployed'], materialIds: [materialId] })
      .expect(201);
  });
});

describe('the start-up migration of typed numbers', () => {
  it('turns a stored typed number into a pending claim for the station, once', async () => {
    const resident = await t.kit.resident({ profile: eligibleProfile() });
    const residents = rawCollection('residents');
    const filter = { _id: new Types.ObjectId(String((await resident.get('/api/me').expect(200)).body.id)) };
    // The old shape, as a profile saved before certificates were verified stored it.
    await residents.updateOne(filter, { $set: { 'profile.reemploymentCertificateNo': 'ZJ2006-0001' } });

    expect(await migrateTypedCertificates()).toBeGreaterThanOrEqual(1);
    expect(await migrateTypedCertificates()).toBe(0);

    const stored = await residents.findOne(filter);
    expect(stored?.profile?.reemploymentCertificateNo).toBeUndefined();
    const claims = await rawCollection('certificates').find({ residentId: stored?._id }).toArray();
    expect(claims).toHaveLength(1);
    expect(claims[0]).toMatchObject({
      status: 'pending',
      claimedNumber: 'ZJ2006-0001',
      categories: ['hard_to_employ', 'registered_unemployed'],
    });

    const mine = (await resident.get('/api/me/certificate').expect(200)).body.certificate;
    expect(mine).toMatchObject({ status: 'pending', legacyClaim: true, number: null });
    const queued = (await officer.get('/api/admin/certificates?status=pending').expect(200)).body.items as {
      id: string;
      claimedNumber: string;
    }[];
    expect(queued.find((c) => c.id === mine.id)?.claimedNumber).toBe('ZJ2006-0001');
    // Until the bureau approves, the typed number unlocks nothing.
    const { body } = await applicant(t.kit, 'loan-guaranteed');
    await refusedApplication(() => postApplication(resident, body), 422, 'NOT_ELIGIBLE');
  });
});
