import { randomUUID } from 'node:crypto';
import { Types } from 'mongoose';
import type { CreateApplicationRequest, ProfileInput } from '@minsheng/shared';
import type supertest from 'supertest';
import { ProgramModel, SlotModel } from '../modules/programs/model';
import { SEED_PROGRAMS, type ProgramSeed } from '../modules/programs/seed';
import type { TestContext } from './support';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/** A valid 18-digit ID number; `n` varies the sequence digits, `birth` is YYYYMMDD. */
export function idNumber(n = 1, birth = '19700315', area = '320114'): string {
  const first17 = `${area}${birth}${String(n % 1000).padStart(3, '0')}`;
  const sum = [...first17].reduce((acc, ch, i) => acc + Number(ch) * (WEIGHTS[i] ?? 0), 0);
  return first17 + '10X98765432'.charAt(sum % 11);
}

let counter = 0;
/** A unique name-ish openid for each resident created in a test file. */
export function uniqueName(prefix = 'res'): string {
  counter += 1;
  return `${prefix}${counter}${randomUUID().slice(0, 6)}`;
}

/** Logs a resident in through the stand-in and returns the bearer token. */
export async function loginResident(t: TestContext, name = uniqueName()): Promise<string> {
  const res = await t.http
    .post('/api/auth/wechat')
    .send({ code: `dev:${name}` })
    .expect(200);
  return (res.body as { token: string }).token;
}

export function profileInput(overrides: Partial<ProfileInput> = {}): ProfileInput {
  counter += 1;
  return {
    name: '张琴',
    idNumber: idNumber(counter),
    mobile: `139${String(10000000 + counter).slice(-8)}`,
    community: 'jmjy',
    householdType: 'urban',
    categories: ['laid_off', 'hard_to_employ', 'registered_unemployed'],
    reemploymentCertificateNo: 'ZJ2006-0001',
    ...overrides,
  };
}

/** A logged-in resident with a complete profile. */
export async function residentWithProfile(
  t: TestContext,
  overrides: Partial<ProfileInput> = {},
): Promise<{ token: string; profile: ProfileInput }> {
  const token = await loginResident(t);
  const profile = profileInput(overrides);
  await t.http.put('/api/me').set('Authorization', `Bearer ${token}`).send(profile).expect(200);
  return { token, profile };
}

/** The smallest valid PNG (1×1). */
export const PNG_1X1 = Buffer.from(
  '89504e470d0a1a0a0000000d4948445200000001000000010806000000' +
    '1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082',
  'hex',
);

export async function uploadMaterial(t: TestContext, token: string, purpose = 'id_card'): Promise<string> {
  const res = await t.http
    .post('/api/materials')
    .set('Authorization', `Bearer ${token}`)
    .field('purpose', purpose)
    .attach('file', PNG_1X1, { filename: 'id.png', contentType: 'image/png' })
    .expect(201);
  return (res.body as { id: string }).id;
}

export async function programId(code: string): Promise<string> {
  const p = await ProgramModel.findOne({ code }).orFail().lean();
  return String(p._id);
}

/** Creates a programme directly, for tests that need special windows or capacities. */
export async function createProgram(
  seed: Partial<ProgramSeed> & Pick<ProgramSeed, 'kind'> & { status?: 'open' | 'closed' },
  slots = 0,
): Promise<string> {
  const code = seed.code ?? `test-${randomUUID().slice(0, 8)}`;
  const details: Record<string, Record<string, unknown>> = {
    stall: { park: '测试园区', address: '测试地址', categories: ['general_goods', 'clothing', 'daily_services'] },
    loan: { maxAmountFen: 5_000_000, maxTermMonths: 24 },
    training: { category: 'order_based', trade: '车工', school: '测试学校', startsOn: '2027-01-11', subsidyPerTraineeFen: 140000 },
    subsidy: { period: 'quarter', amountPerPeriodFen: 90000 },
  };
  const doc = await ProgramModel.create({
    code,
    title: `测试项目 ${code}`,
    summary: '测试',
    benefits: [],
    eligibility: {},
    materials: [],
    details: details[seed.kind],
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

export const oid = () => String(new Types.ObjectId());

/** A good form of each kind, as a resident's phone sends it. */
export const FORMS = {
  stall: { kind: 'stall', businessCategory: 'clothing', businessPlan: '在创业园经营童装，主要面向周边社区居民' },
  loan: { kind: 'loan', businessName: '社区小吃店', amountFen: 3_000_000, termMonths: 24, purpose: '购置设备和首批原料' },
  training: { kind: 'training', education: 'junior' },
  subsidy: { kind: 'subsidy', period: '2026Q3', employment: '在社区从事家政服务' },
} as const;

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
  key: string = randomUUID(),
): supertest.Test {
  return t.http.post('/api/applications').set('Authorization', `Bearer ${token}`).set('Idempotency-Key', key).type('json').send(body);
}

let applicants = 0;
/**
 * A logged-in resident whom every seed programme accepts (born 1990, rural
 * household, laid off, hard to employ, landless, with a certificate), with the
 * required materials of the seed programme `code` uploaded and a good
 * application body for it.
 */
export async function applicantFor(t: TestContext, code: string, overrides: Partial<ProfileInput> = {}) {
  const seed = SEED_PROGRAMS.find((p) => p.code === code);
  if (!seed) throw new Error(`no seed programme ${code}`);
  applicants += 1;
  const { token, profile } = await residentWithProfile(t, {
    idNumber: idNumber(applicants, '19900101'),
    community: 'yxc',
    householdType: 'rural',
    categories: ['laid_off', 'hard_to_employ', 'registered_unemployed', 'landless_farmer'],
    ...overrides,
  });
  const required = seed.materials.filter((m) => m.required).map((m) => m.code);
  const materialIds = await uploadMaterials(t, token, required);
  return { token, profile, body: { programId: await programId(code), form: FORMS[seed.kind], materialIds } };
}
