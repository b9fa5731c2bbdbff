// The factories' old token-based API, kept for the tests not yet moved to the
// kit (review, applications, reports, notifications): new tests use the
// actors of bff/test/kit instead.
import type { CreateApplicationRequest, ProfileInput } from '@minsheng/shared';
import type supertest from 'supertest';
import {
  actor,
  applicant,
  loginResident as login,
  postApplication as post,
  profileInput,
  testKit,
  uniqueName,
  uploadMaterial as upload,
  type TestContext,
} from '../../test/kit';

export { createProgram, FORMS, idNumber, oid, PNG_1X1, profileInput, programId, uniqueName } from '../../test/kit';

/** Logs a resident in through the stand-in and returns the bearer token. */
export async function loginResident(t: TestContext, name = uniqueName()): Promise<string> {
  return (await login(t.baseUrl, { name })).token;
}

/** A logged-in resident with a complete profile. */
export async function residentWithProfile(
  t: TestContext,
  overrides: Partial<ProfileInput> = {},
): Promise<{ token: string; profile: ProfileInput }> {
  const profile = profileInput(overrides);
  const { token } = await login(t.baseUrl, { profile });
  return { token, profile };
}

export function uploadMaterial(t: TestContext, token: string, purpose = 'id_card'): Promise<string> {
  return upload(actor(t.baseUrl, token), purpose);
}

/** Uploads one PNG per material code and returns their ids, in order. */
export async function uploadMaterials(t: TestContext, token: string, purposes: readonly string[]): Promise<string[]> {
  const ids: string[] = [];
  for (const purpose of purposes) ids.push(await uploadMaterial(t, token, purpose));
  return ids;
}

/** POST /api/applications with a fresh Idempotency-Key unless one is given; the response is not checked. */
export function postApplication(
  t: TestContext,
  token: string,
  body: CreateApplicationRequest | Record<string, unknown> | string,
  key?: string,
): supertest.Test {
  return post(actor(t.baseUrl, token), body, key);
}

/** `applicant` of the kit, answering the resident's token. */
export async function applicantFor(t: TestContext, code: string, overrides: Partial<ProfileInput> = {}) {
  const { resident, profile, body } = await applicant(testKit(t), code, overrides);
  return { token: resident.token, profile, body };
}
