import { createProgram, FORMS, PNG_1X1, postApplication, residentWithProfile, uploadMaterial } from '../../test/factories';
import { staffToken } from '../../test/staff';
import { startTestApp, type TestContext } from '../../test/support';

let t: TestContext;
let reviewer: string;
let otherOfficer: string;
let applicationId: string;
let attached: string;
let notAttached: string;

beforeAll(async () => {
  t = await startTestApp({ seedCatalog: false });
  reviewer = (await staffToken(t, 'reviewer')).token;
  otherOfficer = (await staffToken(t, 'officer', ['bqsq'])).token;
  const programId = await createProgram({ kind: 'stall' }, 1);
  const { token } = await residentWithProfile(t, { community: 'jmjy' });
  attached = await uploadMaterial(t, token, 'id_card');
  notAttached = await uploadMaterial(t, token, 'business_plan');
  const res = await postApplication(t, token, { programId, form: FORMS.stall, materialIds: [attached] });
  applicationId = (res.body as { id: string }).id;
});
afterAll(() => t.close());

const download = (token: string, materialId: string) =>
  t.http
    .get(`/api/admin/applications/${applicationId}/materials/${materialId}`)
    .set('Authorization', `Bearer ${token}`)
    .buffer(true)
    .parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });

describe('materials for reviewers', () => {
  it('gives a reviewer the bytes of a material attached to the application', async () => {
    const res = await download(reviewer, attached).expect(200);
    expect(res.headers['content-type']).toBe('image/png');
    expect(Buffer.compare(res.body as Buffer, PNG_1X1)).toBe(0);
  });

  it('answers 404 for a material of the same resident that is not attached', async () => {
    const res = await download(reviewer, notAttached).expect(404);
    expect(res.status).toBe(404);
  });

  it('answers 404 to an officer of another community', async () => {
    await download(otherOfficer, attached).expect(404);
  });
});
