// Programmes for tests of the in-process app: read from, or written straight
// into, the test file's database.
import { randomUUID } from 'node:crypto';
import { Types } from 'mongoose';
import { CERTIFIED_CATEGORIES, type CreateApplicationRequest, type ProfileInput, type StaffCertificate } from '@minsheng/shared';
import { seedProgram, type ProgramSeed } from '@minsheng/shared/catalog';
import { ProgramModel, SlotModel } from '../../src/modules/programs/model';
import { ok, uploadMaterial, type Resident, type StaffMember } from './client';
import { DECLARED, eligibleProfile, FORMS, PROGRAM_DETAILS } from './factories';
import type supertest from 'supertest';
import { rawCollection } from './app';
import { expectRefused, type TestKit } from './kit';

/** A well-formed ObjectId that names nothing. */
export const oid = () => String(new Types.ObjectId());

/** The id of the programme with this code (of the seed catalog, say). */
export async function programId(code: string): Promise<string> {
  const p = await ProgramModel.findOne({ code }).orFail().lean();
  return String(p._id);
}

/** Creates a programme of a kind directly, for tests that need special windows or capacities; `slots` places. */
export async function createProgram(
  seed: Partial<ProgramSeed> & Pick<ProgramSeed, 'kind'> & { status?: 'open' | 'closed' },
  slots = 0,
): Promise<string> {
  const code = seed.code ?? `test-${randomUUID().slice(0, 8)}`;
  const doc = await ProgramModel.create({
    code,
    title: `测试项目 ${code}`,
    summary: '测试',
    benefits: [],
    eligibility: {},
    materials: [],
    details: PROGRAM_DETAILS[seed.kind],
    opensAt: new Date('2026-01-01T00:00:00Z'),
    closesAt: null,
    status: 'open',
    capacityTotal: slots > 0 ? slots : null,
    ...seed,
  });
  if (slots > 0) {
    await SlotModel.insertMany(
      Array.from({ length: slots }, (_, i) => ({
        programId: doc._id,
        kind: seed.kind === 'stall' ? 'stall' : 'seat',
        label: `S-${i + 1}`,
        order: i,
      })),
    );
  }
  return String(doc._id);
}

/**
 * A new resident whom every seed programme accepts (`eligibleProfile`), with
 * the required materials of the seed programme `code` uploaded and a good
 * application body for it.
 */
export async function applicant(
  kit: TestKit,
  code: string,
  overrides: Partial<ProfileInput> = {},
): Promise<{ resident: Resident; profile: ProfileInput; body: CreateApplicationRequest & { materialIds: string[] } }> {
  const seed = seedProgram(code);
  const profile = eligibleProfile(overrides);
  const resident = await kit.resident({ profile });
  await certify(kit, resident);
  const materialIds: string[] = [];
  for (const m of seed.materials.filter((x) => x.required)) materialIds.push(await uploadMaterial(resident, m.code));
  return { resident, profile, body: { programId: await programId(code), form: FORMS[seed.kind], materialIds, ...DECLARED } };
}

/** A request that must be refused with this status and code, storing no application. */
export const refusedApplication = (request: () => PromiseLike<supertest.Response>, status: number, code: string) =>
  expectRefused(request, status, code, () => rawCollection('applications').countDocuments());

/** The staff who certify on a BFF (by its address): an officer per community and one administrator, made once. */
const certifiers = new Map<string, { officers: Map<string, Promise<StaffMember>>; admin: Promise<StaffMember> }>();

function certifierOf(kit: TestKit, community: string): { officer: Promise<StaffMember>; admin: Promise<StaffMember> } {
  let staff = certifiers.get(kit.baseUrl);
  if (!staff) {
    staff = { officers: new Map(), admin: kit.admin() };
    certifiers.set(kit.baseUrl, staff);
  }
  let officer = staff.officers.get(community);
  if (!officer) {
    officer = kit.officer(community);
    staff.officers.set(community, officer);
  }
  return { officer, admin: staff.admin };
}

/**
 * Gives a resident with a saved profile a verified 就业创业证 over HTTP, as the
 * product does: the resident applies with a photo, their station's officer
 * checks, the bureau approves. Its categories are the profile's 登记失业 and
 * 就业困难 (登记失业 alone when the profile has neither). Answers the issued record.
 */
export async function certify(kit: TestKit, resident: Resident): Promise<StaffCertificate> {
  const profile = resident.profile;
  if (!profile) throw new Error('certify() needs a resident with a saved profile');
  const certified: readonly string[] = CERTIFIED_CATEGORIES;
  const own = (profile.categories ?? []).filter((c): c is (typeof CERTIFIED_CATEGORIES)[number] => certified.includes(c));
  const materialIds = [await uploadMaterial(resident, 'employment_registration')];
  const applied = await ok<{ id: string }>(
    resident.post('/api/me/certificate').send({ categories: own.length > 0 ? own : ['registered_unemployed'], materialIds }),
  );
  const { officer, admin } = certifierOf(kit, profile.community);
  const decide = async (by: StaffMember, action: string, version: number) =>
    ok<StaffCertificate>(by.post(`/api/admin/certificates/${applied.id}/decisions`).send({ action, version }));
  await decide(await officer, 'check', 1);
  return decide(await admin, 'approve', 2);
}
