import { AUDIT_ACTION_LABELS, chinaDate, chinaDateAdd, type AuditEntry, type AuditPage } from '@minsheng/shared';
import {
  applicant,
  ok,
  postApplication,
  refusal,
  registerAssisted,
  STAFF_PASSWORD,
  uploadConsent,
  uploadMaterial,
  useTestApp,
  type Resident,
  type StaffMember,
} from '../../../test/kit';

const t = useTestApp({ staff: ['admin', 'reviewer', 'officer'] });

/** One page of the log as the administrator reads it. */
async function page(query: Record<string, string | number>): Promise<AuditPage> {
  return ok<AuditPage>(t.admin.get('/api/admin/audit').query(query));
}

/** Every entry of one staff member, newest first. */
async function entriesOf(staff: StaffMember): Promise<AuditEntry[]> {
  return (await page({ staffId: staff.id, pageSize: 100 })).items;
}

const idOf = async (resident: Resident) => (await ok<{ id: string }>(resident.get('/api/me'))).id;

describe('what is audited', () => {
  it('a staff member opening a file of an application: the application, the resident and the file', async () => {
    const { resident, body } = await applicant(t.kit, 'park-jingming');
    const application = await ok<{ id: string; number: string }>(postApplication(resident, body));
    const [materialId = ''] = body.materialIds;
    const reviewer = await t.kit.staff('reviewer', { name: '审核员甲' });
    await reviewer.get(`/api/admin/applications/${application.id}/materials/${materialId}`).expect(200);
    // A file not attached to the application opens nothing and is not audited.
    const other = await uploadMaterial(resident, 'id_card');
    await reviewer.get(`/api/admin/applications/${application.id}/materials/${other}`).expect(404);
    const entries = await entriesOf(reviewer);
    expect(entries).toEqual([
      {
        id: expect.stringMatching(/^[0-9a-f]{24}$/),
        at: expect.any(String),
        staffId: reviewer.id,
        staffName: '审核员甲',
        role: 'reviewer',
        action: 'material_open',
        actionLabel: '查看居民材料',
        reason: `查看申请材料（${application.number}）`,
        applicationId: application.id,
        residentId: await idOf(resident),
        materialId,
      },
    ]);
  });

  it('a staff member opening the evidence of a 就业创业证: the certificate, the resident and the file', async () => {
    const resident = await t.kit.resident({ profile: { community: 'jmjy' } });
    const evidence = await uploadMaterial(resident, 'employment_registration');
    const certificate = await ok<{ id: string }>(
      resident.post('/api/me/certificate').send({ categories: ['registered_unemployed'], materialIds: [evidence] }),
    );
    const officer = await t.kit.officer('jmjy');
    await officer.get(`/api/admin/certificates/${certificate.id}/materials/${evidence}`).expect(200);
    expect(await entriesOf(officer)).toEqual([
      expect.objectContaining({
        role: 'officer',
        action: 'material_open',
        reason: '查看就业创业证证明材料',
        certificateId: certificate.id,
        residentId: await idOf(resident),
        materialId: evidence,
      }),
    ]);
  });

  it('an officer registering a resident and uploading the signed consent, without the ID or mobile number', async () => {
    const officer = await t.kit.officer('jmjy');
    const { id, profile } = await registerAssisted(officer);
    await ok(uploadConsent(officer, id));
    const detail = await ok<{ consent: { materialId: string } }>(officer.get(`/api/admin/assisted/residents/${id}`));
    const entries = await entriesOf(officer);
    expect(entries.map((e) => [e.action, e.actionLabel, e.residentId])).toEqual([
      ['consent_upload', AUDIT_ACTION_LABELS.consent_upload, id],
      ['assisted_register', AUDIT_ACTION_LABELS.assisted_register, id],
    ]);
    expect(entries[0]?.materialId).toBe(detail.consent.materialId);
    expect(entries[1]?.reason).toMatch(/登记帮办居民/);
    const text = JSON.stringify(entries);
    for (const secret of [profile.idNumber ?? '', profile.mobile, profile.name]) expect(text).not.toContain(secret);
  });

  it('an administrator creating and changing a staff account: the account, what changed, never the password', async () => {
    const admin = await t.kit.admin();
    const created = await ok<{ id: string; username: string }>(
      admin
        .post('/api/admin/staff')
        .send({ username: 'audit-new-1', name: '新同事', password: STAFF_PASSWORD, role: 'reviewer', communities: [] }),
    );
    await ok(admin.patch(`/api/admin/staff/${created.id}`).send({ role: 'officer', communities: ['jmjy'], password: 'another-secret-9' }));
    const entries = await entriesOf(admin);
    expect(entries.map((e) => [e.action, e.accountId, e.reason])).toEqual([
      ['staff_update', created.id, '修改账号 audit-new-1：角色改为 劳动保障协理员，负责社区改为 jmjy，重设密码'],
      ['staff_create', created.id, '新建账号 audit-new-1（审核员）'],
    ]);
    expect(JSON.stringify(entries)).not.toMatch(/another-secret-9|correct-horse/);
  });

  it('an export, with its filters', async () => {
    const admin = await t.kit.admin();
    await admin.get('/api/admin/export').query({ format: 'csv', kind: 'stall' }).expect(200);
    expect(await entriesOf(admin)).toEqual([
      expect.objectContaining({ action: 'export', actionLabel: '导出申请', filters: { kind: 'stall' } }),
    ]);
  });
});

describe('GET /api/admin/audit', () => {
  /** A new administrator who makes `n` accounts: n entries of their own, oldest first. */
  async function adminWithEntries(n: number): Promise<StaffMember> {
    const admin = await t.kit.admin();
    for (let i = 0; i < n; i += 1) {
      await ok(
        admin
          .post('/api/admin/staff')
          .send({ username: `audit-${admin.id.slice(-6)}-${i}`, name: `同事${i}`, password: STAFF_PASSWORD, role: 'reviewer' }),
      );
    }
    return admin;
  }

  it('pages newest first by the cursor, without repeating or skipping an entry', async () => {
    const admin = await adminWithEntries(5);
    const first = await page({ staffId: admin.id, pageSize: 2 });
    expect(first.items.map((e) => e.reason)).toEqual([expect.stringContaining('-4（'), expect.stringContaining('-3（')]);
    expect(first.next).toEqual(expect.any(String));
    const second = await page({ staffId: admin.id, pageSize: 2, after: first.next ?? '' });
    const third = await page({ staffId: admin.id, pageSize: 2, after: second.next ?? '' });
    const reasons = [...first.items, ...second.items, ...third.items].map((e) => e.reason);
    expect(reasons).toEqual([4, 3, 2, 1, 0].map((i) => `新建账号 audit-${admin.id.slice(-6)}-${i}（审核员）`));
    expect(third.next).toBeNull();
    const times = [...first.items, ...second.items, ...third.items].map((e) => Date.parse(e.at));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  it('pages of 50 unless asked, the whole log without a filter', async () => {
    await adminWithEntries(1);
    const all = await page({});
    expect(all.items.length).toBeGreaterThan(0);
    expect(all.items.length).toBeLessThanOrEqual(50);
    expect(all.items.map((e) => e.at)).toEqual([...all.items.map((e) => e.at)].sort().reverse());
  });

  it('filters by action, by staff member and by China calendar day', async () => {
    const admin = await adminWithEntries(2);
    const officer = await t.kit.officer('jmjy');
    await registerAssisted(officer);
    const created = await page({ action: 'staff_create', pageSize: 100 });
    expect(created.items.length).toBeGreaterThanOrEqual(2);
    expect(new Set(created.items.map((e) => e.action))).toEqual(new Set(['staff_create']));
    const registered = await page({ action: 'assisted_register', staffId: officer.id });
    expect(registered.items.map((e) => [e.staffId, e.action])).toEqual([[officer.id, 'assisted_register']]);
    expect((await page({ action: 'assisted_register', staffId: admin.id })).items).toEqual([]);
    const today = chinaDate();
    expect((await page({ staffId: admin.id, from: today, to: today })).items).toHaveLength(2);
    expect((await page({ staffId: admin.id, to: chinaDateAdd(new Date(), -1) })).items).toEqual([]);
    expect((await page({ staffId: admin.id, from: chinaDateAdd(new Date(), 1) })).items).toEqual([]);
  });

  it.each([
    [{ from: '2026-13-01' }, 'from'],
    [{ to: 'yesterday' }, 'to'],
    [{ from: '2026-06-02', to: '2026-06-01' }, 'to'],
    [{ action: 'delete_everything' }, 'action'],
    [{ staffId: 'not-an-id' }, 'staffId'],
    [{ after: 'bm90LWEtY3Vyc29y' }, 'after'],
    [{ pageSize: 1000 }, 'pageSize'],
  ])('answers 400 naming the field for %j', async (query, field) => {
    const res = await t.admin.get('/api/admin/audit').query(query);
    expect(refusal(res)).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
    expect(Object.keys(res.body.error.fields as object)).toEqual([field]);
  });

  it('is for administrators only: reviewers and officers 403, residents and anonymous callers 401', async () => {
    expect((await t.reviewer.get('/api/admin/audit')).status).toBe(403);
    expect((await t.officer.get('/api/admin/audit')).status).toBe(403);
    expect((await (await t.kit.resident()).get('/api/admin/audit')).status).toBe(401);
    expect((await t.kit.anonymous.get('/api/admin/audit')).status).toBe(401);
  });
});
