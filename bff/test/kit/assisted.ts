// 帮办 in tests: an officer registers a resident without a smartphone,
// uploads the signed consent and materials, and applies for them.
import { randomUUID } from 'node:crypto';
import type { CreateApplicationRequest, ProfileInput } from '@minsheng/shared';
import type supertest from 'supertest';
import { seedProgram } from '@minsheng/shared/catalog';
import { programId } from './catalog';
import { ok, uploadMaterial, type Actor } from './client';
import { DECLARED, eligibleProfile, FORMS, PNG_1X1 } from './factories';

/** A profile every seed programme accepts (`eligibleProfile`), in community jmjy. */
export const assistedProfile = (overrides: Partial<ProfileInput> = {}): ProfileInput =>
  eligibleProfile({ community: 'jmjy', ...overrides });

/** `staff` (an officer or admin) registers a resident; fails the test unless created. */
export async function registerAssisted(
  staff: Actor,
  overrides: Partial<ProfileInput> = {},
): Promise<{ id: string; profile: ProfileInput }> {
  const profile = assistedProfile(overrides);
  const { id } = await ok<{ id: string }>(staff.post('/api/admin/assisted/residents').send(profile));
  return { id, profile };
}

/** Uploads the signed consent form of the resident (a 1×1 PNG unless `file` is given); the answer is not checked. */
export function uploadConsent(staff: Actor, residentId: string, file: Buffer = PNG_1X1, contentType = 'image/png'): supertest.Test {
  return staff.post(`/api/admin/assisted/residents/${residentId}/consent`).attach('file', file, { filename: '授权书.png', contentType });
}

/** Uploads a material `purpose` for the resident; answers its id. */
export const uploadFor = (staff: Actor, residentId: string, purpose: string): Promise<string> =>
  uploadMaterial(staff, purpose, `/api/admin/assisted/residents/${residentId}/materials`);

/** POST an application for the resident with a fresh Idempotency-Key unless one is given; the answer is not checked. */
export function postAssisted(staff: Actor, residentId: string, body: CreateApplicationRequest, key: string = randomUUID()): supertest.Test {
  return staff.post(`/api/admin/assisted/residents/${residentId}/applications`).set('Idempotency-Key', key).send(body);
}

/**
 * A registered resident with the signed consent form and the required
 * materials of seed programme `code` uploaded, and a good application body.
 */
export async function readyToApply(staff: Actor, code = 'park-jingming', overrides: Partial<ProfileInput> = {}) {
  const seed = seedProgram(code);
  const { id, profile } = await registerAssisted(staff, overrides);
  await ok(uploadConsent(staff, id));
  const materialIds: string[] = [];
  for (const m of seed.materials.filter((x) => x.required)) materialIds.push(await uploadFor(staff, id, m.code));
  const body: CreateApplicationRequest = { programId: await programId(code), form: FORMS[seed.kind], materialIds, ...DECLARED };
  return { id, profile, body };
}
