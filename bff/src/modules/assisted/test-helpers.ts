import { randomUUID } from 'node:crypto';
import type { CreateApplicationRequest, ProfileInput } from '@minsheng/shared';
import type supertest from 'supertest';
import { FORMS, idNumber, PNG_1X1, profileInput, programId } from '../../test/factories';
import type { TestContext } from '../../test/support';
import { seedProgram } from '@minsheng/shared/catalog';

// Helpers shared by the assisted-registration and account-joining tests.

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

let serial = 500;
/** A profile every seed programme accepts (born 1990, rural, four categories), in community jmjy. */
export function assistedProfile(overrides: Partial<ProfileInput> = {}): ProfileInput {
  serial += 1;
  return profileInput({
    idNumber: idNumber(serial, '19900101'),
    community: 'jmjy',
    householdType: 'rural',
    categories: ['laid_off', 'hard_to_employ', 'registered_unemployed', 'landless_farmer'],
    ...overrides,
  });
}

/** An officer (or admin) registers a resident; fails unless created. */
export async function registerAssisted(
  t: TestContext,
  staffToken: string,
  overrides: Partial<ProfileInput> = {},
): Promise<{ id: string; profile: ProfileInput }> {
  const profile = assistedProfile(overrides);
  const res = await t.http.post('/api/admin/assisted/residents').set(bearer(staffToken)).send(profile);
  if (res.status !== 201) throw new Error(`registering failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { id: (res.body as { id: string }).id, profile };
}

export function uploadConsent(
  t: TestContext,
  staffToken: string,
  residentId: string,
  file: Buffer = PNG_1X1,
  contentType = 'image/png',
): supertest.Test {
  return t.http
    .post(`/api/admin/assisted/residents/${residentId}/consent`)
    .set(bearer(staffToken))
    .attach('file', file, { filename: '授权书.png', contentType });
}

export async function uploadFor(t: TestContext, staffToken: string, residentId: string, purpose: string): Promise<string> {
  const res = await t.http
    .post(`/api/admin/assisted/residents/${residentId}/materials`)
    .set(bearer(staffToken))
    .field('purpose', purpose)
    .attach('file', PNG_1X1, { filename: `${purpose}.png`, contentType: 'image/png' })
    .expect(201);
  return (res.body as { id: string }).id;
}

/** POST an application for the resident with a fresh Idempotency-Key unless one is given. */
export function postAssisted(
  t: TestContext,
  staffToken: string,
  residentId: string,
  body: CreateApplicationRequest,
  key: string = randomUUID(),
): supertest.Test {
  return t.http
    .post(`/api/admin/assisted/residents/${residentId}/applications`)
    .set(bearer(staffToken))
    .set('Idempotency-Key', key)
    .send(body);
}

/**
 * A registered resident with the signed consent form and the required
 * materials of seed programme `code` uploaded, and a good application body.
 */
export async function readyToApply(t: TestContext, staffToken: string, code = 'park-jingming', overrides: Partial<ProfileInput> = {}) {
  const seed = seedProgram(code);
  const { id, profile } = await registerAssisted(t, staffToken, overrides);
  await uploadConsent(t, staffToken, id).expect(200);
  const materialIds: string[] = [];
  for (const m of seed.materials.filter((x) => x.required)) materialIds.push(await uploadFor(t, staffToken, id, m.code));
  const body: CreateApplicationRequest = { programId: await programId(code), form: FORMS[seed.kind], materialIds };
  return { id, profile, body };
}
