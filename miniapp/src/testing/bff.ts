// Test data made through the real BFF of the Jest run (test/global-setup.ts),
// as residents and staff make it: over HTTP, straight to the BFF, so that
// setting up a test does not go through the app code under test.
import { Buffer } from 'node:buffer';
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import net from 'node:net';
import type {
  Application,
  ApplicationForm,
  CreateProgramRequest,
  FunnelResponse,
  Link,
  Material,
  MeResponse,
  ProfileInput,
  ProfileView,
  Program,
  ProgramKind,
  Staff,
  StaffApplication,
  StaffRole,
  TokenResponse,
  TransitionRequestBody,
  UpdateProgramRequest,
} from '@minsheng/shared';
import { idNumberCheckChar } from '@minsheng/shared/validators';
import Taro from '@tarojs/taro';
import { ADMIN } from '../../e2e/stack';
import { EXPIRES_STORAGE_KEY } from '../services/auth';
import { TOKEN_STORAGE_KEY } from '../services/request';

/** The smallest valid PNG (1×1): the BFF accepts a file by its first bytes. */
export const PNG_1X1 = Buffer.from(
  '89504e470d0a1a0a0000000d4948445200000001000000010806000000' +
    '1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082',
  'hex',
);

/**
 * A photo as `Taro.chooseImage` hands it over. In a browser that is a blob:
 * URL, which jsdom cannot make; taro-h5's uploadFile reads a data: URL the
 * same way (an XMLHttpRequest for the bytes).
 */
export const PHOTO_URL = `data:image/png;base64,${PNG_1X1.toString('base64')}`;

/** What a resident types as their business plan in these tests. */
export const PLAN = '在市场里卖童装和袜子，进货渠道稳定。';

function bffUrl(): string {
  const url = process.env.MINSHENG_TEST_BFF_URL;
  if (!url) throw new Error('no BFF: test/global-setup.ts starts one for the Jest run');
  return url;
}

interface Call {
  token?: string;
  json?: unknown;
  /** Multipart fields; a Buffer is sent as a PNG file. */
  form?: Record<string, string | Buffer>;
  idempotencyKey?: string;
}

function multipart(fields: Record<string, string | Buffer>): { body: Buffer; type: string } {
  const boundary = `----minsheng${Math.random().toString(16).slice(2)}`;
  const parts = Object.entries(fields).map(([name, value]) =>
    typeof value === 'string'
      ? Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`)
      : Buffer.concat([
          Buffer.from(
            `--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="photo.png"\r\nContent-Type: image/png\r\n\r\n`,
          ),
          value,
          Buffer.from('\r\n'),
        ]),
  );
  return { body: Buffer.concat([...parts, Buffer.from(`--${boundary}--\r\n`)]), type: `multipart/form-data; boundary=${boundary}` };
}

/** Calls the BFF and answers the JSON of a 2xx; anything else fails the test with the BFF's answer. */
function call<T>(method: string, path: string, { token, json, form, idempotencyKey }: Call = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  let body: Buffer | undefined;
  if (token) headers.Authorization = `Bearer ${token}`;
  if (idempotencyKey) headers['Idempotency-Key'] = idempotencyKey;
  if (json !== undefined) {
    body = Buffer.from(JSON.stringify(json));
    headers['Content-Type'] = 'application/json';
  }
  if (form) {
    const encoded = multipart(form);
    body = encoded.body;
    headers['Content-Type'] = encoded.type;
  }
  if (body) headers['Content-Length'] = String(body.length);
  return new Promise((resolve, reject) => {
    const req = http.request(new URL(path, bffUrl()), { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const status = res.statusCode ?? 0;
        if (status >= 200 && status < 300) resolve(JSON.parse(text) as T);
        else reject(new Error(`${method} ${path} answered ${status}: ${text}`));
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

let counter = 0;

/** A name no other resident of the run has; the WeChat stand-in makes it the openid. */
export function uniqueName(): string {
  counter += 1;
  return `jest-${process.pid}-${counter}-${Math.random().toString(36).slice(2, 8)}`;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');
const below = (n: number) => Math.floor(Math.random() * n);
// Districts of Nanjing, for more distinct numbers.
const AREAS = ['320102', '320104', '320105', '320106', '320111', '320113', '320114', '320115'];

/**
 * A valid ID number that no other resident of the run is likely to hold
 * (the BFF refuses a second account with the same one). Born 1975-1994, so
 * every age rule of the seed catalog is met. `check` asks for a check
 * character, e.g. 'X'.
 */
export function idNumber(check?: string): string {
  for (;;) {
    const first17 = `${AREAS[below(AREAS.length)] ?? '320114'}${1975 + below(20)}${pad(1 + below(12), 2)}${pad(1 + below(28), 2)}${pad(below(1000), 3)}`;
    const id = first17 + idNumberCheckChar(first17);
    if (check === undefined || id.endsWith(check)) return id;
  }
}

/** The way the app shows an ID number: first 3 and last 4 characters. */
export const masked = (id: string) => `${id.slice(0, 3)}***********${id.slice(-4)}`;

export interface Resident {
  token: string;
  expiresAt: string;
  /** As the BFF shows it to the resident; null until the profile is saved. */
  profile: ProfileView | null;
  /** The full ID number registered, when there is a profile. */
  idNumber: string | null;
}

/** A profile every seed programme the tests use accepts: laid off, with a re-employment certificate. */
export function profileInput(overrides: Partial<ProfileInput> = {}): ProfileInput {
  return {
    name: '张三',
    idNumber: idNumber(),
    mobile: '13800138000',
    community: 'cjxc',
    householdType: 'urban',
    categories: ['laid_off'],
    reemploymentCertificateNo: 'ZJ2006-0001',
    ...overrides,
  };
}

/** Logs a new resident in with a `dev:` code and, unless `profile` is null, saves their real-name profile. */
export async function newResident(profile: Partial<ProfileInput> | null = {}): Promise<Resident> {
  const { token, expiresAt } = await call<TokenResponse>('POST', '/api/auth/wechat', { json: { code: `dev:${uniqueName()}` } });
  if (profile === null) return { token, expiresAt, profile: null, idNumber: null };
  const input = profileInput(profile);
  const me = await call<MeResponse>('PUT', '/api/me', { token, json: input });
  return { token, expiresAt, profile: me.profile, idNumber: input.idNumber ?? null };
}

/** The profile of a resident made with one. */
export function profileOf(resident: Resident): ProfileView {
  if (!resident.profile) throw new Error('this resident has no profile');
  return resident.profile;
}

/** The resident's profile as the BFF now holds it. */
export function me(resident: Resident): Promise<MeResponse> {
  return call<MeResponse>('GET', '/api/me', { token: resident.token });
}

/** Makes the app under test act as this resident: their token is where services/auth.ts reads it. */
export function actAs(resident: Resident): void {
  Taro.setStorageSync(TOKEN_STORAGE_KEY, resident.token);
  Taro.setStorageSync(EXPIRES_STORAGE_KEY, resident.expiresAt);
}

/** A photo uploaded by the resident as the material `purpose`. */
export function uploadPhoto(resident: Resident, purpose = 'id_card'): Promise<Material> {
  return call<Material>('POST', '/api/materials', { token: resident.token, form: { purpose, file: PNG_1X1 } });
}

/** A programme of the seed catalog (or one made by a test) by its code. */
export async function programByCode(code: string): Promise<Program> {
  const { items } = await call<{ items: Program[] }>('GET', '/api/programs');
  const program = items.find((p) => p.code === code);
  if (!program) throw new Error(`no programme ${code} in the catalog`);
  return program;
}

/** A good form of each kind the tests apply for. */
export const FORMS: Record<Exclude<ProgramKind, 'subsidy'>, ApplicationForm> = {
  stall: { kind: 'stall', businessCategory: 'clothing', businessPlan: PLAN },
  loan: { kind: 'loan', businessName: '社区小吃店', amountFen: 3_000_000, termMonths: 24, purpose: '购置设备和首批原料' },
  training: { kind: 'training', education: 'junior' },
};

/** The resident applies for the programme `code` with a good form, uploading its required materials first. */
export async function apply(resident: Resident, code: string): Promise<Application> {
  const program = await programByCode(code);
  if (program.kind === 'subsidy') throw new Error('apply() has no subsidy form');
  const materialIds: string[] = [];
  for (const m of program.materials.filter((r) => r.required)) materialIds.push((await uploadPhoto(resident, m.code)).id);
  return call<Application>('POST', '/api/applications', {
    token: resident.token,
    idempotencyKey: randomUUID(),
    json: { programId: program.id, form: FORMS[program.kind], materialIds },
  });
}

/** One of the resident's applications, as they see it. */
export function applicationOf(resident: Resident, id: string): Promise<Application> {
  return call<Application>('GET', `/api/applications/${id}`, { token: resident.token });
}

/** The resident's applications, newest first. */
export async function applicationsOf(resident: Resident): Promise<Application[]> {
  return (await call<{ items: Application[] }>('GET', '/api/applications', { token: resident.token })).items;
}

let staffToken: Promise<string> | null = null;

/** The administrator of the run's BFF (e2e/stack.ts creates them), logged in once per test file. */
function adminToken(): Promise<string> {
  staffToken ??= call<TokenResponse>('POST', '/api/admin/login', { json: ADMIN }).then(({ token }) => token);
  return staffToken;
}

/** A staff account made by the administrator, with a unique username; answers its username and password. */
export async function newStaffAccount(
  role: StaffRole = 'reviewer',
  communities: string[] = role === 'officer' ? ['jmjy'] : [],
): Promise<{ username: string; password: string }> {
  const username = `staff-${uniqueName().toLowerCase()}`.slice(0, 32);
  const password = 'jest-staff-password';
  await call<Staff>('POST', '/api/admin/staff', {
    token: await adminToken(),
    json: { username, name: '测试员', password, role, communities },
  });
  return { username, password };
}

/** A community made by the administrator, with a unique code, for tests that need figures of their own. */
export async function newCommunity(): Promise<{ code: string; name: string }> {
  const code = `j${Math.random().toString(36).slice(2, 10)}`;
  const name = `测试社区${code}`;
  await call<unknown>('POST', '/api/admin/communities', {
    token: await adminToken(),
    json: { code, name, street: '铁心桥街道', type: 'urban' },
  });
  return { code, name };
}

/** One login attempt straight to the BFF (not through the screens); answers the HTTP status. */
export async function tryStaffLogin(username: string, password: string): Promise<number> {
  try {
    await call<TokenResponse>('POST', '/api/admin/login', { json: { username, password } });
    return 200;
  } catch (err) {
    const status = /answered (\d{3})/.exec(err instanceof Error ? err.message : '')?.[1];
    return status ? Number(status) : 0;
  }
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
  let token = await adminToken();
  if (by === 'officer') {
    const officer = await newStaffAccount('officer', [community]);
    token = (await call<TokenResponse>('POST', '/api/admin/login', { json: officer })).token;
  }
  return call<Link>('POST', '/api/admin/links', { token, json: { community, ...(programId ? { programId } : {}) } });
}

/** The community's sign-up funnel as staff see it. */
export async function linkFunnel(community: string): Promise<FunnelResponse> {
  return call<FunnelResponse>('GET', `/api/admin/links/funnel?community=${encodeURIComponent(community)}`, { token: await adminToken() });
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
    const after = await call<StaffApplication>('POST', `/api/admin/applications/${application.id}/transitions`, {
      token: await adminToken(),
      json: { ...step, version },
    });
    version = after.version;
  }
  return applicationOf(resident, application.id);
}

// Omit over each kind of the union, keeping each kind's own fields.
type NewProgram = CreateProgramRequest extends infer R
  ? R extends unknown
    ? Omit<R, 'code' | 'title' | 'summary' | 'opensAt'> & { opensAt?: string }
    : never
  : never;

/** A programme made by the administrator, open from `opensAt` (now unless given). */
export async function createProgram(request: NewProgram): Promise<Program> {
  const code = `jest-${Math.random().toString(36).slice(2, 10)}`;
  return call<Program>('POST', '/api/admin/programs', {
    token: await adminToken(),
    json: { code, title: `测试项目 ${code}`, summary: '测试用的项目', opensAt: new Date().toISOString(), ...request },
  });
}

/** The administrator changes a programme (staff edit the catalog while residents use it). */
export async function updateProgram(id: string, change: UpdateProgramRequest): Promise<Program> {
  return call<Program>('PATCH', `/api/admin/programs/${id}`, { token: await adminToken(), json: change });
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
  const token = await adminToken();
  const { id } = await call<{ id: string }>('POST', '/api/admin/assisted/residents', { token, json: input });
  if (consentForm) await call<unknown>('POST', `/api/admin/assisted/residents/${id}/consent`, { token, form: { file: PNG_1X1 } });
  return { id, input };
}

/** A photo the administrator uploaded for the assisted resident as the material `purpose`. */
export async function uploadPhotoFor(assisted: Assisted, purpose = 'id_card'): Promise<Material> {
  return call<Material>('POST', `/api/admin/assisted/residents/${assisted.id}/materials`, {
    token: await adminToken(),
    form: { purpose, file: PNG_1X1 },
  });
}

/** The administrator applies for the assisted resident for programme `code`, uploading its required materials first. */
export async function applyFor(assisted: Assisted, code: string): Promise<StaffApplication> {
  const program = await programByCode(code);
  if (program.kind === 'subsidy') throw new Error('applyFor() has no subsidy form');
  const materialIds: string[] = [];
  for (const m of program.materials.filter((r) => r.required)) materialIds.push((await uploadPhotoFor(assisted, m.code)).id);
  return call<StaffApplication>('POST', `/api/admin/assisted/residents/${assisted.id}/applications`, {
    token: await adminToken(),
    idempotencyKey: randomUUID(),
    json: { programId: program.id, form: FORMS[program.kind], materialIds },
  });
}
