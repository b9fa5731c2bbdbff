import { type Actor, asBytes, createProgram, FORMS, ok, PNG_1X1, postApplication, uploadMaterial, useTestApp } from '../../../test/kit';

/** A stall application with one material `attached` and one of the same resident's `notAttached`. */
const t = useTestApp({ seedCatalog: false, staff: ['reviewer'] }, async ({ kit }) => {
  const otherOfficer = await kit.officer('bqsq');
  const programId = await createProgram({ kind: 'stall' }, 1);
  const resident = await kit.resident({ profile: { community: 'jmjy' } });
  const attached = await uploadMaterial(resident, 'id_card');
  const notAttached = await uploadMaterial(resident, 'business_plan');
  const { id } = await ok<{ id: string }>(postApplication(resident, { programId, form: FORMS.stall, materialIds: [attached] }));
  return { otherOfficer, applicationId: id, attached, notAttached };
});

const download = (staff: Actor, materialId: string) =>
  asBytes(staff.get(`/api/admin/applications/${t.applicationId}/materials/${materialId}`));

describe('materials for reviewers', () => {
  it('gives a reviewer the bytes of a material attached to the application', async () => {
    const res = await download(t.reviewer, t.attached).expect(200);
    expect(res.headers['content-type']).toBe('image/png');
    expect(Buffer.compare(res.body as Buffer, PNG_1X1)).toBe(0);
  });

  it('answers 404 for a material of the same resident that is not attached', async () => {
    const res = await download(t.reviewer, t.notAttached).expect(404);
    expect(res.status).toBe(404);
  });

  it('answers 404 to an officer of another community', async () => {
    await download(t.otherOfficer, t.attached).expect(404);
  });
});
