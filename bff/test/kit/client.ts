// Who calls the BFF in a test: a resident or a staff member, each with a token
// of their own, over real HTTP to an in-process app or a BFF process alike.
import { randomUUID } from 'node:crypto';
import type { CreateApplicationRequest, MeResponse, ProfileInput, StaffRole, TokenResponse } from '@minsheng/shared';
import supertest from 'supertest';
import { DECLARED, PNG_1X1, profileInput, uniqueName } from './factories';

/** A caller of the API; every request carries its token, when it has one. */
export interface Actor {
  token: string | null;
  get(path: string): supertest.Test;
  post(path: string): supertest.Test;
  put(path: string): supertest.Test;
  patch(path: string): supertest.Test;
  delete(path: string): supertest.Test;
}

export interface Resident extends Actor {
  token: string;
  expiresAt: string;
  /** The `dev:<name>` the resident logged in with: their openid. */
  name: string;
  /** The profile saved for them (with the full ID number), or null. */
  profile: ProfileInput | null;
}

export interface StaffMember extends Actor {
  token: string;
  id: string;
  username: string;
  password: string;
  name: string;
  role: StaffRole;
  communities: string[];
}

/** An actor sending requests to `baseUrl` with `token` (none: an anonymous caller). */
export function actor(baseUrl: string, token: string | null = null): Actor {
  const http = supertest(baseUrl);
  const authorised = (test: supertest.Test) => (token ? test.set('Authorization', `Bearer ${token}`) : test);
  return {
    token,
    get: (path) => authorised(http.get(path)),
    post: (path) => authorised(http.post(path)),
    put: (path) => authorised(http.put(path)),
    patch: (path) => authorised(http.patch(path)),
    delete: (path) => authorised(http.delete(path)),
  };
}

/** The JSON of a 2xx answer; anything else fails the test with the BFF's answer, for set-up steps. */
export async function ok<T = Record<string, unknown>>(request: PromiseLike<supertest.Response>): Promise<T> {
  const res = await request;
  if (res.status < 200 || res.status >= 300) {
    const { method = '', path = '' } = (res as { req?: { method?: string; path?: string } }).req ?? {};
    throw new Error(`${method} ${path} answered ${res.status}: ${res.text}`);
  }
  return res.body as T;
}

/** Logs a resident in through the WeChat stand-in with `dev:<name>` and, given a profile, saves it. */
export async function loginResident(
  baseUrl: string,
  options: { name?: string; profile?: Partial<ProfileInput> | ProfileInput } = {},
): Promise<Resident> {
  const name = options.name ?? uniqueName();
  const { token, expiresAt } = await ok<TokenResponse>(
    actor(baseUrl)
      .post('/api/auth/wechat')
      .send({ code: `dev:${name}` }),
  );
  const resident = actor(baseUrl, token);
  let profile: ProfileInput | null = null;
  if (options.profile) {
    profile = profileInput(options.profile);
    await ok<MeResponse>(resident.put('/api/me').send(profile));
  }
  return { ...resident, token, expiresAt, name, profile };
}

/** Logs a staff account in with its password. */
export async function loginStaff(baseUrl: string, account: Omit<StaffMember, keyof Actor>): Promise<StaffMember> {
  const { username, password } = account;
  const { token } = await ok<TokenResponse>(actor(baseUrl).post('/api/admin/login').send({ username, password }));
  return { ...actor(baseUrl, token), ...account, token };
}

/** The request with its answer's body collected as raw bytes (a download), whatever its content type. */
export function asBytes(request: supertest.Test): supertest.Test {
  return request.buffer(true).parse((res, done) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => done(null, Buffer.concat(chunks)));
  });
}

/** The request with a 1×1 PNG attached as `file` and, when given, the material `purpose`. */
export function withPhoto(request: supertest.Test, purpose?: string): supertest.Test {
  const withPurpose = purpose === undefined ? request : request.field('purpose', purpose);
  return withPurpose.attach('file', PNG_1X1, { filename: `${purpose ?? 'photo'}.png`, contentType: 'image/png' });
}

/** Uploads a 1×1 PNG as the material `purpose` of the resident (or, with `path`, where staff upload for one); answers its id. */
export async function uploadMaterial(by: Actor, purpose = 'id_card', path = '/api/materials'): Promise<string> {
  return (await ok<{ id: string }>(withPhoto(by.post(path), purpose))).id;
}

/** Uploads one 1×1 PNG per material code, one after another; answers their ids in order. */
export async function uploadMaterials(by: Actor, purposes: readonly string[]): Promise<string[]> {
  const ids: string[] = [];
  for (const purpose of purposes) ids.push(await uploadMaterial(by, purpose));
  return ids;
}

/** Status and error code of an answer, to compare in one expectation. */
export const refusal = (res: supertest.Response) => ({ status: res.status, code: res.body?.error?.code as string | undefined });

/**
 * POST /api/applications with a fresh Idempotency-Key unless one is given; the answer is not checked.
 * An object body carries the applicant's declaration as the form sends it, unless it says otherwise.
 */
export function postApplication(
  resident: Actor,
  body: Omit<CreateApplicationRequest, keyof typeof DECLARED> | Record<string, unknown> | string,
  key: string = randomUUID(),
): supertest.Test {
  return resident
    .post('/api/applications')
    .set('Idempotency-Key', key)
    .type('json')
    .send(typeof body === 'string' ? body : { ...DECLARED, ...body });
}
