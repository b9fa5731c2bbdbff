// Test data as a resident's phone or a staff member's browser sends it. Plain
// values only (no database, no Jest), so the BFF's tests, the mini-program's
// tests, the browser tests and the benchmarks all draw on this one file.
import { randomUUID } from 'node:crypto';
import { APPLICANT_DECLARATION, PRIVACY_NOTICE, type ApplicationForm, type ProfileInput, type ProgramKind } from '@minsheng/shared';
import { idNumberCheckChar } from '@minsheng/shared/validators';

/** A valid 18-digit ID number (GB 11643); `n` gives the three sequence digits, `birth` is YYYYMMDD. */
export function idNumber(n = 1, birth = '19700315', area = '320114'): string {
  const first17 = `${area}${birth}${String(n % 1000).padStart(3, '0')}`;
  return first17 + idNumberCheckChar(first17);
}

const below = (n: number) => Math.floor(Math.random() * n);
const pad = (n: number, width: number) => String(n).padStart(width, '0');
// Districts of Nanjing, for more distinct numbers.
const AREAS = ['320102', '320104', '320105', '320106', '320111', '320113', '320114', '320115'];
const issued = new Set<string>();

/**
 * A valid ID number no other resident of a shared BFF is likely to hold (one
 * ID number, one account), for tests whose files share one database; never
 * the same twice in one test file. Born 1975-1994, so every age rule of the
 * seed catalog is met. `check` asks for a check character, e.g. 'X'.
 */
export function randomIdNumber(check?: string): string {
  for (;;) {
    const birth = `${1975 + below(20)}${pad(1 + below(12), 2)}${pad(1 + below(28), 2)}`;
    const id = idNumber(below(1000), birth, AREAS[below(AREAS.length)] ?? '320114');
    if ((check === undefined || id.endsWith(check)) && !issued.has(id)) {
      issued.add(id);
      return id;
    }
  }
}

/** The way the app shows an ID number: first 3 and last 4 characters. */
export const masked = (id: string) => `${id.slice(0, 3)}***********${id.slice(-4)}`;

let counter = 0;
/** A name no other resident of the run has; the WeChat stand-in makes `dev:<name>` its openid. */
export function uniqueName(prefix = 'res'): string {
  counter += 1;
  return `${prefix}${counter}${randomUUID().slice(0, 6)}`;
}

/** A complete real-name profile; each call has an ID number and a mobile of its own. */
export function profileInput(overrides: Partial<ProfileInput> = {}): ProfileInput {
  counter += 1;
  return {
    name: '张琴',
    idNumber: idNumber(counter),
    mobile: `139${String(10000000 + counter).slice(-8)}`,
    community: 'jmjy',
    householdType: 'urban',
    categories: ['laid_off', 'hard_to_employ', 'registered_unemployed'],
    privacyNoticeVersion: PRIVACY_NOTICE.version,
    ...overrides,
  };
}

/** The applicant's declaration (本人承诺) every submission carries, as the forms send it. */
export const DECLARED = { declaration: true, declarationVersion: APPLICANT_DECLARATION.version } as const;

let applicants = 0;
/**
 * A profile every seed programme accepts: born 1990, rural household, laid
 * off, hard to employ, registered unemployed, landless (the certificate, and
 * with it 登记失业 and 就业困难, comes from `certify()` of catalog.ts).
 */
export function eligibleProfile(overrides: Partial<ProfileInput> = {}): ProfileInput {
  applicants += 1;
  return profileInput({
    idNumber: idNumber(applicants, '19900101'),
    community: 'yxc',
    householdType: 'rural',
    categories: ['laid_off', 'hard_to_employ', 'registered_unemployed', 'landless_farmer'],
    ...overrides,
  });
}

/** The smallest valid PNG (1×1): the BFF accepts a file by its first bytes. */
export const PNG_1X1 = Buffer.from(
  '89504e470d0a1a0a0000000d4948445200000001000000010806000000' +
    '1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082',
  'hex',
);

/** A good application form of each kind, as a resident's phone sends it. */
export const FORMS = {
  stall: { kind: 'stall', businessCategory: 'clothing', businessPlan: '在创业园经营童装，主要面向周边社区居民' },
  loan: { kind: 'loan', businessName: '社区小吃店', amountFen: 3_000_000, termMonths: 24, purpose: '购置设备和首批原料' },
  training: { kind: 'training', education: 'junior' },
  subsidy: { kind: 'subsidy', period: '2026Q3', employment: '在社区从事家政服务' },
} as const satisfies Record<ProgramKind, ApplicationForm>;

/** The details of a programme of each kind, as an administrator enters them. */
export const PROGRAM_DETAILS = {
  stall: { park: '测试园区', address: '测试地址', categories: ['general_goods', 'clothing', 'daily_services'] },
  loan: { maxAmountFen: 5_000_000, maxTermMonths: 24 },
  training: { category: 'order_based', trade: '车工', school: '测试学校', startsOn: '2027-01-11', subsidyPerTraineeFen: 140000 },
  subsidy: { period: 'quarter', amountPerPeriodFen: 90000 },
} as const;
