import { Types } from 'mongoose';
import { APPLICANT_DECLARATION, PRIVACY_NOTICE } from '@minsheng/shared';
import {
  applicant,
  assistedProfile,
  expectRefused,
  postApplication,
  postAssisted,
  profileInput,
  rawCollection,
  readyToApply,
  refusedApplication,
  step,
  useTestApp,
} from '../../../test/kit';

// Issue 15 item 6: the privacy notice is agreed to before the profile collects an ID number,
// and the applicant's declaration (本人承诺) is recorded with every submission.

const t = useTestApp({}, async ({ kit }) => ({ officer: await kit.officer('jmjy') }));

const residents = () =>
  rawCollection('residents')
    .find({}, { projection: { profile: 1 } })
    .toArray();
const iso = expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/);

describe('the privacy notice (个人信息保护告知)', () => {
  it('refuses a profile without the notice agreed to, naming the field, and stores nothing', async () => {
    const resident = await t.kit.resident();
    const { privacyNoticeVersion: _omitted, ...withoutNotice } = profileInput();
    const res = await expectRefused(() => resident.put('/api/me').send(withoutNotice), 400, 'VALIDATION_FAILED', residents);
    expect(Object.keys(res.body.error.fields)).toEqual(['privacyNoticeVersion']);
    expect(res.body.error.fields.privacyNoticeVersion).toContain('个人信息保护告知');
  });

  it('refuses an older version of the notice', async () => {
    const resident = await t.kit.resident();
    const res = await expectRefused(
      () => resident.put('/api/me').send(profileInput({ privacyNoticeVersion: '2020-01-01' as never })),
      400,
      'VALIDATION_FAILED',
      residents,
    );
    expect(Object.keys(res.body.error.fields)).toEqual(['privacyNoticeVersion']);
  });

  it('records which version was agreed to and when, keeping the first time on later saves', async () => {
    const resident = await t.kit.resident();
    const first = await resident.put('/api/me').send(profileInput()).expect(200);
    expect(first.body.profile.privacyNotice).toEqual({ version: PRIVACY_NOTICE.version, at: iso, via: 'resident' });
    const { idNumber: _kept, ...edit } = profileInput({ mobile: '13911112222' });
    const again = await resident.put('/api/me').send(edit).expect(200);
    expect(again.body.profile.mobile).toBe('13911112222');
    expect(again.body.profile.privacyNotice).toEqual(first.body.profile.privacyNotice);
  });

  it('is confirmed by the officer registering a resident, recorded as given with the officer', async () => {
    const { privacyNoticeVersion: _omitted, ...withoutNotice } = assistedProfile();
    const refused = await expectRefused(
      () => t.officer.post('/api/admin/assisted/residents').send(withoutNotice),
      400,
      'VALIDATION_FAILED',
      residents,
    );
    expect(Object.keys(refused.body.error.fields)).toEqual(['privacyNoticeVersion']);
    const saved = await t.officer.post('/api/admin/assisted/residents').send(assistedProfile()).expect(201);
    const stored = await rawCollection('residents').findOne({ _id: new Types.ObjectId(String(saved.body.id)) });
    expect(stored?.profile?.privacyNotice).toMatchObject({ version: PRIVACY_NOTICE.version, via: 'assisted' });
  });
});

describe("the applicant's declaration (本人承诺)", () => {
  it('refuses a submission without it, naming the field, and stores no application', async () => {
    const { resident, body } = await applicant(t.kit, 'training-lathe');
    const res = await refusedApplication(() => postApplication(resident, { ...body, declaration: undefined }), 400, 'VALIDATION_FAILED');
    expect(Object.keys(res.body.error.fields)).toEqual(['declaration']);
    expect(res.body.error.fields.declaration).toContain('本人承诺所填信息真实');
  });

  it('refuses a declaration of an older text', async () => {
    const { resident, body } = await applicant(t.kit, 'training-lathe');
    const res = await refusedApplication(
      () => postApplication(resident, { ...body, declarationVersion: '2020-01-01' }),
      400,
      'VALIDATION_FAILED',
    );
    expect(Object.keys(res.body.error.fields)).toEqual(['declarationVersion']);
  });

  it('records it with the application, shown to the resident and to staff', async () => {
    const { resident, body } = await applicant(t.kit, 'training-lathe');
    const created = await postApplication(resident, body).expect(201);
    expect(created.body.declaration).toEqual({ version: APPLICANT_DECLARATION.version, at: iso, via: 'resident' });
    const reviewer = await t.kit.staff('reviewer');
    const staffView = await reviewer.get(`/api/admin/applications/${created.body.id}`).expect(200);
    expect(staffView.body.declaration).toEqual(created.body.declaration);
  });

  it('is made with the officer when an officer submits for a resident', async () => {
    const { id, body } = await readyToApply(t.officer);
    const { declaration: _omitted, ...withoutDeclaration } = body;
    const refused = await expectRefused(
      () => postAssisted(t.officer, id, withoutDeclaration as typeof body),
      400,
      'VALIDATION_FAILED',
      () => rawCollection('applications').countDocuments(),
    );
    expect(Object.keys(refused.body.error.fields)).toEqual(['declaration']);
    const created = await postAssisted(t.officer, id, body).expect(201);
    expect(created.body.declaration).toEqual({ version: APPLICANT_DECLARATION.version, at: iso, via: 'assisted' });
  });

  it('is made again with a resubmission, which is refused without it', async () => {
    const { resident, body } = await applicant(t.kit, 'training-lathe');
    const created = await postApplication(resident, body).expect(201);
    const reviewer = await t.kit.staff('reviewer');
    await step(reviewer, created.body.id, { action: 'start_review', version: 1 });
    await step(reviewer, created.body.id, { action: 'request_info', version: 2, reason: '请补充学历证明' });
    const resend = { version: 3, form: body.form, materialIds: body.materialIds };
    const path = `/api/applications/${created.body.id}/resubmit`;
    const refused = await expectRefused(
      () => resident.post(path).send(resend),
      400,
      'VALIDATION_FAILED',
      () => rawCollection('applications').findOne({ _id: new Types.ObjectId(String(created.body.id)) }),
    );
    expect(Object.keys(refused.body.error.fields)).toEqual(['declaration', 'declarationVersion']);
    const resent = await resident
      .post(path)
      .send({ ...resend, declaration: true, declarationVersion: APPLICANT_DECLARATION.version })
      .expect(200);
    expect(resent.body.declaration).toEqual({ version: APPLICANT_DECLARATION.version, at: iso, via: 'resident' });
    expect(Date.parse(resent.body.declaration.at)).toBeGreaterThan(Date.parse(created.body.declaration.at));
  });
});
