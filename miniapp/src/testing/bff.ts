// Test data made through the real BFF of the Jest run (test/global-setup.ts),
// as residents and staff make it: over HTTP, straight to the BFF, so that
// setting up a test does not go through the app code under test. The actors
// and factories are the BFF's test kit (bff/test/kit); this file holds what
// the mini-program's tests add: its residents' defaults and acting as one in
// the app under test.
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import net from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import type {
  Application,
  ApplicationForm,
  Certificate,
  CertificateApplyRequest,
  CertificateDecisionRequest,
  CreateProgramRequest,
  FunnelResponse,
  Link,
  Material,
  MeResponse,
  MyCertificateResponse,
  ProfileInput,
  ProfileView,
  Program,
  ProgramKind,
  StaffApplication,
  StaffCertificate,
  StaffRole,
  TokenResponse,
  TransitionRequestBody,
  UpdateProgramRequest,
} from '@minsheng/shared';
import { CERTIFIED_CATEGORIES, chinaDate } from '@minsheng/shared';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { actor, asBytes, loginResident, ok, withPhoto, type Actor, type StaffMember } from '@minsheng/bff/test/kit/client';
import { DECLARED, FORMS as KIT_FORMS, PNG_1X1, profileInput as kitProfileInput, randomIdNumber } from '@minsheng/bff/test/kit/factories';
import { remoteTarget, testKit } from '@minsheng/bff/test/kit/kit';
import { ADMIN } from '../../e2e/stack';
import { residentSession } from '../services/session';

export { DECLARED, masked, PNG_1X1, uniqueName } from '@minsheng/bff/test/kit/factories';

/** Another name for the kit's shared-database ID numbers: valid, and unlikely to be any other resident's. */
export const idNumber = randomIdNumber;

/**
 * A photo as `Taro.chooseImage` hands it over. In a browser that is a blob:
 * URL, which jsdom cannot make; taro-h5's uploadFile reads a data: URL the
 * same way (an XMLHttpRequest for the bytes).
 */
export const PHOTO_URL = `data:image/png;base64,${PNG_1X1.toString('base64')}`;

/** The camera and the album are the phone's: the resident "picks" a real PNG named `name`. */
export function choosePhotoNamed(name: string): jest.SpyInstance {
  return jest.spyOn(Taro, 'chooseImage').mockResolvedValue({
    tempFilePaths: [PHOTO_URL],
    tempFiles: [{ path: PHOTO_URL, size: PNG_1X1.length, originalFileObj: new File([PNG_1X1], name, { type: 'image/png' }) }],
    errMsg: 'chooseImage:ok',
  });
}

/** Picks and uploads a photo for each of the `count` materials on screen, waiting for each to be stored. */
export async function uploadEveryMaterial(count: number, name = '证明.png'): Promise<void> {
  choosePhotoNamed(name);
  for (let i = 0; i < count; i += 1) {
    fireEvent.click(screen.getAllByText('拍照或选择照片')[0] as HTMLElement);
    await waitFor(() => expect(screen.getAllByText(`✓ 已上传：${name}`)).toHaveLength(i + 1));
  }
}

/** What a resident types as their business plan in these tests. */
export const PLAN = '在市场里卖童装和袜子，进货渠道稳定。';

function bffUrl(): string {
  const url = process.env.MINSHENG_TEST_BFF_URL;
  if (!url) throw new Error('no BFF: test/global-setup.ts starts one for the Jest run');
  return url;
}

/**
 * Moves an application's submission `days` days into the past in the run's
 * database: what no request can do, for a test that records an older life
 * (a loan disbursed long ago), since a step refuses dates before the submission.
 */
export async function backdateSubmission(applicationId: string, days: number): Promise<void> {
  const url = process.env.MINSHENG_TEST_DB_URL;
  if (!url) throw new Error('no database: test/global-setup.ts starts one for the Jest run');
  const script = path.join(__dirname, '..', '..', 'test', 'backdate-submission.cjs');
  await promisify(execFile)(process.execPath, [script, url, applicationId, String(days)]);
}

/** The actors of the run's BFF: staff accounts are made by its administrator (e2e/stack.ts creates them). */
const kit = () => testKit(remoteTarget(bffUrl(), ADMIN));

/** A resident as the tests hold them: a token (made here or by the app under test) and what they registered. */
export interface Resident {
  token: string;
  expiresAt: string;
  /** As the BFF shows it to the resident; null until the profile is saved. */
  profile: ProfileView | null;
  /** The full ID number registered, when there is a profile. */
  idNumber: string | null;
}

/** A profile every seed programme the tests use accepts once certified (`certify`, which `apply` does where needed): laid off. */
export function profileInput(overrides: Partial<ProfileInput> = {}): ProfileInput {
  return kitProfileInput({
    name: '张三',
    idNumber: idNumber(),
    mobile: '13800138000',
    community: 'cjxc',
    categories: ['laid_off'],
    ...overrides,
  });
}

/** The kit's actor with the resident's token. */
const as = (resident: Resident): Actor => actor(bffUrl(), resident.token);

/** Logs a new resident in with a `dev:` code and, unless `profile` is null, saves their real-name profile. */
export async function newResident(profile: Partial<ProfileInput> | null = {}): Promise<Resident> {
  const input = profile === null ? null : profileInput(profile);
  const { token, expiresAt, get } = await loginResident(bffUrl(), input ? { profile: input } : {});
  if (!input) return { token, expiresAt, profile: null, idNumber: null };
  const { profile: shown } = await ok<MeResponse>(get('/api/me'));
  return { token, expiresAt, profile: shown, idNumber: input.idNumber ?? null };
}

/** The profile of a resident made with one. */
export function profileOf(resident: Resident): ProfileView {
  if (!resident.profile) throw new Error('this resident has no profile');
  return resident.profile;
}

/** The resident's profile as the BFF now holds it. */
export function me(resident: Resident): Promise<MeResponse> {
  return ok<MeResponse>(as(resident).get('/api/me'));
}

/** Makes the app under test act as this resident: their token is where services/auth.ts reads it. */
export function actAs(resident: Resident): void {
  residentSession.save(resident);
}

/** A photo uploaded by the resident as the material `purpose`. */
export function uploadPhoto(resident: Resident, purpose = 'id_card'): Promise<Material> {
  return ok<Material>(withPhoto(as(resident).post('/api/materials'), purpose));
}

/** A programme of the seed catalog (or one made by a test) by its code. */
export async function programByCode(code: string): Promise<Program> {
  const { items } = await ok<{ items: Program[] }>(actor(bffUrl()).get('/api/programs'));
  const program = items.find((p) => p.code === code);
  if (!program) throw new Error(`no programme ${code} in the catalog`);
  return program;
}

/** A good form of each kind the tests apply for. */
export const FORMS: Record<Exclude<ProgramKind, 'subsidy'>, ApplicationForm> = {
  stall: { ...KIT_FORMS.stall, businessPlan: PLAN },
  loan: KIT_FORMS.loan,
  training: KIT_FORMS.training,
};

/** A good application for the programme `code`, its required materials uploaded first by `upload`. */
async function applicationBody(
  code: string,
  upload: (purpose: string) => Promise<Material>,
): Promise<{ programId: string; form: ApplicationForm; materialIds: string[] } & typeof DECLARED> {
  const program = await programByCode(code);
  if (program.kind === 'subsidy') throw new Error(`no good subsidy form to apply for ${code} with`);
  const materialIds: string[] = [];
  for (const m of program.materials.filter((r) => r.required)) materialIds.push((await upload(m.code)).id);
  return { programId: program.id, form: FORMS[program.kind], materialIds, ...DECLARED };
}

/** The resident applies for the programme `code` with a good form, uploading its required materials first. */
export async function apply(resident: Resident, code: string): Promise<Application> {
  if ((await programByCode(code)).eligibility.requiresCertificate) await certify(resident);
  const body = await applicationBody(code, (purpose) => uploadPhoto(resident, purpose));
  return ok<Application>(as(resident).post('/api/applications').set('Idempotency-Key', randomUUID()).send(body));
}

/** One of the resident's applications, as they see it. */
export function applicationOf(resident: Resident, id: string): Promise<Application> {
  return ok<Application>(as(resident).get(`/api/applications/${id}`));
}

/** The resident's applications, newest first. */
export async function applicationsOf(resident: Resident): Promise<Application[]> {
  return (await ok<{ items: Application[] }>(as(resident).get('/api/applications'))).items;
}

let administrator: Promise<Actor> | null = null;

/** The administrator of the run's BFF (e2e/stack.ts creates them), logged in once per test file. */
function admin(): Promise<Actor> {
  administrator ??= ok<TokenResponse>(actor(bffUrl()).post('/api/admin/login').send(ADMIN)).then(({ token }) => actor(bffUrl(), token));
  return administrator;
}

/** A staff account (named 测试员) made by the administrator, logged in. */
export function newStaff(role: StaffRole = 'reviewer', communities?: string[]): Promise<StaffMember> {
  return kit().staff(role, { name: '测试员', ...(communities ? { communities } : {}) });
}

/** A staff account made by the administrator, with a unique username; answers its username and password. */
export async function newStaffAccount(
  role: StaffRole = 'reviewer',
  communities?: string[],
): Promise<{ username: string; password: string }> {
  const { username, password } = await newStaff(role, communities);
  return { username, password };
}

/** A community made by the administrator, with a unique code, for tests that need figures of their own. */
export async function newCommunity(): Promise<{ code: string; name: string }> {
  const code = `j${Math.random().toString(36).slice(2, 10)}`;
  const name = `测试社区${code}`;
  await ok((await admin()).post('/api/admin/communities').send({ code, name, street: '铁心桥街道', type: 'urban' }));
  return { code, name };
}

/** One login attempt straight to the BFF (not through the screens); answers the HTTP status. */
export async function tryStaffLogin(username: string, password: string): Promise<number> {
  return (await actor(bffUrl()).post('/api/admin/login').send({ username, password })).status;
}

/**
 * A sign-up link for the community and one programme (all when left out),
 * made by a new officer of the community so that it attributes them, or by
 * the administrator with `by: 'admin'`.
 */
export async function newLink(
  community: string,
  { programId, by = 'officer' }: { programId?: string; by?: 'officer' | 'admin' } = {},
): Promise<Link> {
  const maker = by === 'officer' ? await newStaff('officer', [community]) : await admin();
  return ok<Link>(maker.post('/api/admin/links').send({ community, ...(programId ? { programId } : {}) }));
}

/** The community's sign-up funnel as staff see it. */
export async function linkFunnel(community: string): Promise<FunnelResponse> {
  return ok<FunnelResponse>((await admin()).get('/api/admin/links/funnel').query({ community }));
}

/** The funnel figures of one link. */
export async function funnelOf(link: Link): Promise<FunnelResponse['totals']> {
  const row = (await linkFunnel(link.community)).links.find((l) => l.linkId === link.id);
  if (!row) throw new Error(`no funnel row for link ${link.id}`);
  const { opens, newResidents, profilesCompleted, applicationsSubmitted, approved } = row;
  return { opens, newResidents, profilesCompleted, applicationsSubmitted, approved };
}

/** A staff step without its version (each action's own fields: Omit over each member of the union). */
export type StaffStep = TransitionRequestBody extends infer S ? (S extends unknown ? Omit<S, 'version'> : never) : never;

/** The administrator takes the application through these steps in turn; answers it as its resident then sees it. */
export async function staffActs(resident: Resident, application: Application, ...steps: StaffStep[]): Promise<Application> {
  let version = application.version;
  for (const step of steps) {
    const after = await ok<StaffApplication>(
      (await admin()).post(`/api/admin/applications/${application.id}/transitions`).send({ ...step, version }),
    );
    version = after.version;
  }
  return applicationOf(resident, application.id);
}

/** The steps that approve a loan application for 28,000 yuan over 24 months, the inspection first. */
export const LOAN_APPROVAL: StaffStep[] = [
  { action: 'start_review' },
  // On the day of the submission: a step records no date before it (shared machines/bounds.ts).
  { action: 'inspect', inspection: { date: chinaDate(), officer: '史鉴平', notes: '经营场所已落实' } },
  { action: 'approve', approvedFen: 2_800_000, termMonths: 24 },
];

// Omit over each kind of the union, keeping each kind's own fields.
type NewProgram = CreateProgramRequest extends infer R
  ? R extends unknown
    ? Omit<R, 'code' | 'title' | 'summary' | 'opensAt'> & { opensAt?: string }
    : never
  : never;

/** A programme made by the administrator, open from `opensAt` (now unless given). */
export async function createProgram(request: NewProgram): Promise<Program> {
  const code = `jest-${Math.random().toString(36).slice(2, 10)}`;
  return ok<Program>(
    (await admin())
      .post('/api/admin/programs')
      .send({ code, title: `测试项目 ${code}`, summary: '测试用的项目', opensAt: new Date().toISOString(), ...request }),
  );
}

/** The administrator changes a programme (staff edit the catalog while residents use it). */
export async function updateProgram(id: string, change: UpdateProgramRequest): Promise<Program> {
  return ok<Program>((await admin()).patch(`/api/admin/programs/${id}`).send(change));
}

function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/**
 * Runs `during` with the BFF out of reach, as on a phone that lost its
 * signal: the app's requests go to a port nothing listens on.
 */
export async function offline<T>(during: () => Promise<T>): Promise<T> {
  const online = API_BASE_URL;
  Object.assign(globalThis, { API_BASE_URL: `http://127.0.0.1:${await closedPort()}` });
  // jsdom reports every refused connection on the console; here they are the point.
  const consoleError = console.error;
  const quiet = jest.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    if (!String(args[0]).includes('ECONNREFUSED')) consoleError(...args);
  });
  try {
    return await during();
  } finally {
    quiet.mockRestore();
    Object.assign(globalThis, { API_BASE_URL: online });
  }
}

/** A resident registered by a station officer (帮办), as staff see them; `input` holds the full ID number. */
export interface Assisted {
  id: string;
  input: ProfileInput;
}

/**
 * The administrator registers a resident without a smartphone (帮办) and,
 * with `consentForm`, uploads their signed consent form.
 */
export async function newAssisted(
  profile: Partial<ProfileInput> = {},
  { consentForm = false }: { consentForm?: boolean } = {},
): Promise<Assisted> {
  const input = profileInput(profile);
  const by = await admin();
  const { id } = await ok<{ id: string }>(by.post('/api/admin/assisted/residents').send(input));
  if (consentForm) await ok(withPhoto(by.post(`/api/admin/assisted/residents/${id}/consent`)));
  return { id, input };
}

/** A photo the administrator uploaded for the assisted resident as the material `purpose`. */
export async function uploadPhotoFor(assisted: Assisted, purpose = 'id_card'): Promise<Material> {
  return ok<Material>(withPhoto((await admin()).post(`/api/admin/assisted/residents/${assisted.id}/materials`), purpose));
}

/** The administrator applies for the assisted resident for programme `code`, uploading its required materials first. */
export async function applyFor(assisted: Assisted, code: string): Promise<StaffApplication> {
  if ((await programByCode(code)).eligibility.requiresCertificate) await certifyAssisted(assisted);
  const body = await applicationBody(code, (purpose) => uploadPhotoFor(assisted, purpose));
  return ok<StaffApplication>(
    (await admin()).post(`/api/admin/assisted/residents/${assisted.id}/applications`).set('Idempotency-Key', randomUUID()).send(body),
  );
}

/** The resident applies for the 就业创业证 with a photo of the evidence (straight to the BFF). */
export async function applyForCertificateAs(
  resident: Resident,
  categories: CertificateApplyRequest['categories'] = ['registered_unemployed'],
): Promise<Certificate> {
  const evidence = await uploadPhoto(resident, 'unemployment_proof');
  return ok<Certificate>(
    as(resident)
      .post('/api/me/certificate')
      .send({ categories, materialIds: [evidence.id] }),
  );
}

/** The administrator takes the certificate through these steps in turn (check, approve, reject…); answers it after them. */
export async function staffDecidesCertificate(
  certificateId: string,
  ...steps: Omit<CertificateDecisionRequest, 'version'>[]
): Promise<StaffCertificate> {
  const by = await admin();
  let current = await ok<StaffCertificate>(by.get(`/api/admin/certificates/${certificateId}`));
  for (const step of steps) {
    current = await ok<StaffCertificate>(
      by.post(`/api/admin/certificates/${certificateId}/decisions`).send({ ...step, version: current.version }),
    );
  }
  return current;
}

/**
 * Gives the resident a verified 就业创业证 unless they hold one (the loan and
 * the subsidy need it): they apply with a photo, the administrator checks and approves.
 */
export async function certify(resident: Resident): Promise<void> {
  const { certificate } = await ok<MyCertificateResponse>(as(resident).get('/api/me/certificate'));
  if (certificate?.status === 'active') return;
  const own = certifiedCategoriesOf(resident.profile?.categories ?? []);
  const applied = await applyForCertificateAs(resident, own);
  await staffDecidesCertificate(applied.id, { action: 'check' }, { action: 'approve' });
}

/** The administrator applies for the assisted resident's 就业创业证 and issues it. */
export async function certifyAssisted(assisted: Assisted): Promise<void> {
  const evidence = await uploadPhotoFor(assisted, 'unemployment_proof');
  const applied = await ok<StaffCertificate>(
    (await admin())
      .post(`/api/admin/assisted/residents/${assisted.id}/certificate`)
      .send({ categories: certifiedCategoriesOf(assisted.input.categories ?? []), materialIds: [evidence.id] }),
  );
  await staffDecidesCertificate(applied.id, { action: 'check' }, { action: 'approve' });
}

// The profile's 登记失业 and 就业困难, or 登记失业 alone when it has neither (as the BFF kit's certify()).
function certifiedCategoriesOf(categories: readonly string[]): CertificateApplyRequest['categories'] {
  const own = CERTIFIED_CATEGORIES.filter((c) => categories.includes(c));
  return own.length > 0 ? own : ['registered_unemployed'];
}

/** A file a staff screen downloaded: the BFF's status, its type and how many bytes came. */
export interface Download {
  status: number;
  type: string;
  bytes: number;
}

/**
 * The platform's download is the boundary: each goes to the real BFF with the
 * headers the screen gave and is recorded in the list answered; the file
 * handed back to the screen is `tempFilePath`.
 */
export function downloadsFromBff(tempFilePath: string): Download[] {
  const downloads: Download[] = [];
  jest.spyOn(Taro, 'downloadFile').mockImplementation((async ({ url, header }: { url: string; header?: Record<string, string> }) => {
    const { origin, pathname } = new URL(url);
    const res = await asBytes(
      actor(origin)
        .get(pathname)
        .set(header ?? {}),
    );
    downloads.push({ status: res.status, type: String(res.headers['content-type']), bytes: (res.body as Buffer).length });
    return { statusCode: res.status, tempFilePath, errMsg: 'downloadFile:ok' };
  }) as unknown as typeof Taro.downloadFile);
  return downloads;
}
