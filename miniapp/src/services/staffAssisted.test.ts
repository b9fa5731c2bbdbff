import Taro from '@tarojs/taro';
import { DECLARED, masked, newStaffAccount, PHOTO_URL, profileInput, programByCode, FORMS } from '../testing/bff';
import { ApiError, newIdempotencyKey } from './request';
import { staffLogIn, staffLogOut } from './staff';
import { getAssisted, listAssisted, materialUploaderFor, registerAssisted, submitFor, uploadConsentForm } from './staffAssisted';

// Against the run's real BFF, as an officer of 春江新城社区 (cjxc).

let officer = { username: '', password: '' };
let stranger = { username: '', password: '' };

beforeAll(async () => {
  officer = await newStaffAccount('officer', ['cjxc']);
  stranger = await newStaffAccount('officer', ['bqsq']);
}, 30_000);

beforeEach(async () => {
  Taro.clearStorageSync();
  await staffLogIn(officer.username, officer.password);
});
afterEach(() => staffLogOut());

/** A good stall application for the resident, its required photos uploaded by the officer. */
async function stallBody(residentId: string) {
  const program = await programByCode('park-chunjiang');
  const upload = materialUploaderFor(residentId);
  const materialIds: string[] = [];
  for (const m of program.materials.filter((r) => r.required))
    materialIds.push((await upload({ filePath: PHOTO_URL, purpose: m.code })).id);
  return { programId: program.id, form: FORMS.stall, materialIds, ...DECLARED };
}

describe('assisted applications (帮办)', () => {
  it('registers a resident, uploads the signed consent form, applies for them and follows the application', async () => {
    const input = profileInput({ name: '帮办甲' });
    const resident = await registerAssisted(input);
    expect(resident).toMatchObject({
      name: '帮办甲',
      idNumberMasked: masked(input.idNumber ?? ''),
      consent: { status: 'pending' },
      joined: false,
    });

    const consented = await uploadConsentForm(resident.id, { filePath: PHOTO_URL, fileName: '授权书.png' });
    expect(consented.consent.status).toBe('signed_form');

    const application = await submitFor(resident.id, await stallBody(resident.id), newIdempotencyKey());
    expect(application.assistedBy).toMatchObject({ staffName: '测试员', communityName: '春江新城社区' });
    expect(application.history[0]).toMatchObject({ actorRole: 'officer', actorName: '测试员' });

    const detail = await getAssisted(resident.id);
    expect(detail.applications.map((a) => a.number)).toEqual([application.number]);
    expect((await listAssisted()).map((r) => r.id)).toContain(resident.id);
  });

  it('answers the same application for a retry with the same key', async () => {
    const resident = await registerAssisted(profileInput());
    await uploadConsentForm(resident.id, { filePath: PHOTO_URL });
    const key = newIdempotencyKey();
    const body = await stallBody(resident.id);
    const first = await submitFor(resident.id, body, key);
    const again = await submitFor(resident.id, body, key);
    expect(again.id).toBe(first.id);
  });

  it('refuses applying before consent with the BFF’s message', async () => {
    const resident = await registerAssisted(profileInput());
    const refused = await submitFor(resident.id, await stallBody(resident.id), newIdempotencyKey()).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ApiError);
    expect(refused).toMatchObject({ status: 403, code: 'CONSENT_REQUIRED' });
  });

  it('keeps another community’s officer out', async () => {
    const resident = await registerAssisted(profileInput());
    staffLogOut();
    await staffLogIn(stranger.username, stranger.password);
    await expect(getAssisted(resident.id)).rejects.toMatchObject({ status: 404 });
    await expect(registerAssisted(profileInput({ community: 'cjxc' }))).rejects.toMatchObject({ status: 403, code: 'FORBIDDEN' });
  });
});
