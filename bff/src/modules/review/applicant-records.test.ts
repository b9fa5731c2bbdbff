import type { AuditPage, StaffApplication } from '@minsheng/shared';
import {
  asBytes,
  certify,
  createProgram,
  ok,
  PNG_1X1,
  postAssisted,
  readyToApply,
  submitFresh,
  useTestApp,
  type StaffMember,
} from '../../../test/kit';

// What the reviewer checks beside the application itself: the applicant's
// 就业创业证 and, for one an officer made (帮办), the resident's consent.

const t = useTestApp({ staff: ['admin', 'reviewer'] }, async ({ kit }) => ({
  officer: await kit.officer('jmjy'),
  stallProgram: await createProgram({ kind: 'stall' }, 5),
}));

const detail = (staff: StaffMember, id: string) => ok<StaffApplication>(staff.get(`/api/admin/applications/${id}`));
const download = (staff: StaffMember, applicationId: string, materialId: string) =>
  asBytes(staff.get(`/api/admin/applications/${applicationId}/materials/${materialId}`));

/** An application an officer made for a newly registered resident with a signed consent form. */
async function assistedApplication(): Promise<StaffApplication> {
  const { id, body } = await readyToApply(t.officer);
  return ok<StaffApplication>(postAssisted(t.officer, id, body));
}

describe("the applicant's 就业创业证 on the staff view", () => {
  it('is null before the applicant applies for one, and the issued record once it is', async () => {
    const application = await submitFresh(t.kit, t.stallProgram, 'stall', { profile: { community: 'jmjy' } });
    expect((await detail(t.reviewer, application.id)).certificate).toBeNull();

    const issued = await certify(t.kit, application.resident);
    expect((await detail(t.reviewer, application.id)).certificate).toEqual({
      id: issued.id,
      status: issued.status,
      statusLabel: issued.statusLabel,
      number: issued.number,
      issuedAt: issued.issuedAt,
      categories: issued.categories,
    });
    expect(issued.number).toEqual(expect.any(String));
  });
});

describe("the assisted resident's consent on the staff view", () => {
  it('is null for an application the resident made themselves', async () => {
    const application = await submitFresh(t.kit, t.stallProgram, 'stall', { profile: { community: 'jmjy' } });
    expect((await detail(t.reviewer, application.id)).consent).toBeNull();
  });

  it('shows the signed form, which opens through the application with its bytes and is audited', async () => {
    const application = await assistedApplication();
    const { consent } = await detail(t.reviewer, application.id);
    expect(consent).toEqual({
      status: 'signed_form',
      at: expect.any(String),
      form: expect.objectContaining({ id: expect.stringMatching(/^[0-9a-f]{24}$/), purpose: 'consent_form', contentType: 'image/png' }),
    });
    const formId = consent?.form?.id ?? '';
    const res = await download(t.reviewer, application.id, formId).expect(200);
    expect(Buffer.compare(res.body as Buffer, PNG_1X1)).toBe(0);

    const audit = await ok<AuditPage>(t.admin.get('/api/admin/audit').query({ staffId: t.reviewer.id, pageSize: 100 }));
    expect(audit.items).toContainEqual(
      expect.objectContaining({ action: 'material_open', applicationId: application.id, materialId: formId }),
    );
  });

  it("answers 404 for another resident's consent form through this application", async () => {
    const application = await assistedApplication();
    const other = await assistedApplication();
    const otherForm = (await detail(t.reviewer, other.id)).consent?.form?.id ?? '';
    expect(otherForm).toMatch(/^[0-9a-f]{24}$/);
    await download(t.reviewer, application.id, otherForm).expect(404);
    await download(t.reviewer, other.id, otherForm).expect(200);
  });
});
