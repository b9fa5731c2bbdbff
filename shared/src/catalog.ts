// The starting catalogue of DOMAIN.md as plain data: the BFF seeds its database
// from it and the mini-program's component tests shape their programmes after it.
import type { ProgramKind } from './schemas/common';
import type { EligibilityRules, MaterialRequirement } from './schemas/program';
import { seatLabel, stallLabel } from './schemas/program-admin';
import { yuanToFen } from './validators/money';

export interface ProgramSeed {
  code: string;
  kind: ProgramKind;
  title: string;
  summary: string;
  benefits: string[];
  eligibility: EligibilityRules;
  materials: MaterialRequirement[];
  details: Record<string, unknown>;
  opensAt: Date;
  closesAt: Date | null;
  /** Stalls or seats to create. */
  slots?: { kind: 'stall' | 'seat'; labels: string[] };
}

/** The ID card's photos: the one material every programme of the seed asks for, and a new one's default. */
export const ID_CARD: MaterialRequirement = { code: 'id_card', label: '身份证正反面照片', required: true };
const OPENS = new Date('2026-01-01T00:00:00+08:00');

const stallLabels = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => stallLabel(prefix, i + 1));
const seatLabels = (n: number) => Array.from({ length: n }, (_, i) => seatLabel(i + 1));

/** A business park (创业园) of DOMAIN.md: the parks share their benefits, rules, materials, stall categories and rent. */
function park(p: {
  code: string;
  title: string;
  summary: string;
  park: string;
  address: string;
  stallPrefix: string;
  stalls: number;
}): ProgramSeed {
  return {
    code: p.code,
    kind: 'stall',
    title: p.title,
    summary: p.summary,
    benefits: ['低价租赁摊位', '免费创业培训', '摊位补贴', '小额担保贷款', '社会保险补贴'],
    eligibility: {
      categoriesAny: ['laid_off', 'landless_farmer', 'hard_to_employ', 'registered_unemployed', 'affordable_housing'],
      minAge: 16,
    },
    // No photo of the old 再就业优惠证: where a programme needs the 就业创业证, eligibility checks the verified record.
    materials: [ID_CARD],
    details: {
      park: p.park,
      address: p.address,
      categories: ['general_goods', 'clothing', 'daily_services'],
      monthlyRentFen: yuanToFen(100),
    },
    opensAt: OPENS,
    closesAt: null,
    slots: { kind: 'stall', labels: stallLabels(p.stallPrefix, p.stalls) },
  };
}

/** A class (培训班): open from the start, asking for the ID card only, with `seats` seats. */
function training(
  c: Pick<ProgramSeed, 'code' | 'title' | 'summary' | 'benefits' | 'eligibility' | 'details'> & { seats: number },
): ProgramSeed {
  return {
    code: c.code,
    kind: 'training',
    title: c.title,
    summary: c.summary,
    benefits: c.benefits,
    eligibility: c.eligibility,
    materials: [ID_CARD],
    details: c.details,
    opensAt: OPENS,
    closesAt: null,
    slots: { kind: 'seat', labels: seatLabels(c.seats) },
  };
}

/** An order-based class (定单式培训) at the partner technical school: entry level, 1,400 yuan a trainee, 30 seats. */
const orderClass = (
  c: Pick<ProgramSeed, 'code' | 'title' | 'summary' | 'benefits' | 'eligibility'> & {
    trade: string;
    startsOn: string;
    endsOn: string;
    hours: number;
  },
): ProgramSeed =>
  training({
    code: c.code,
    title: c.title,
    summary: c.summary,
    benefits: c.benefits,
    eligibility: c.eligibility,
    details: {
      category: 'order_based',
      trade: c.trade,
      school: '合作技工学校',
      level: '初级（五级）',
      startsOn: c.startsOn,
      endsOn: c.endsOn,
      hours: c.hours,
      subsidyPerTraineeFen: yuanToFen(1400),
    },
    seats: 30,
  });

/** The catalog of DOMAIN.md: two parks, loans, order-based classes, the flexible-employment subsidy. */
export const SEED_PROGRAMS: ProgramSeed[] = [
  park({
    code: 'park-chunjiang',
    title: '春江新城创业大市场摊位',
    summary: '铁心桥街道经适房片区的创业市场，面向下岗、失地和就业困难居民低价出租摊位，入驻即享五项扶持。',
    park: '春江新城创业大市场',
    address: '南京市雨花台区铁心桥街道春江新城',
    stallPrefix: 'CJ',
    stalls: 110,
  }),
  park({
    code: 'park-jingming',
    title: '景明佳园创业园摊位',
    summary: '景明佳园经适房小区内的创业园，百货、服装、生活服务摊位，园区提供免费培训和贷款对接。',
    park: '景明佳园创业园',
    address: '南京市雨花台区铁心桥街道景明佳园',
    stallPrefix: 'JM',
    stalls: 96,
  }),
  {
    code: 'loan-guaranteed',
    kind: 'loan',
    title: '创业担保贷款（小额担保贷款）',
    summary: '为自主创业的失业人员和小微企业主提供政府担保的小额贷款，宣传、贷前考察、贷后跟踪、经常服务、按时还款“五个到位”。',
    benefits: ['政府担保，无需抵押', '财政贴息', '专人贷前考察和贷后跟踪'],
    eligibility: {
      categoriesAny: ['laid_off', 'registered_unemployed', 'hard_to_employ', 'landless_farmer'],
      requiresCertificate: true,
      minAge: 18,
      maxAge: 60,
    },
    materials: [ID_CARD, { code: 'business_plan', label: '创业计划书（可选）', required: false }],
    details: { maxAmountFen: yuanToFen(50000), maxTermMonths: 24, lender: '合作银行' },
    opensAt: OPENS,
    closesAt: null,
  },
  orderClass({
    code: 'training-lathe',
    title: '车工定单式培训班',
    summary: '与技工学校联合、按用工企业需求开设的车工培训，政府出资，结业推荐就业。',
    benefits: ['学费全免', '结业推荐到用工企业', '每人培训补贴 1,400 元'],
    eligibility: {
      categoriesAny: ['laid_off', 'landless_farmer', 'rural_migrant', 'registered_unemployed', 'hard_to_employ'],
      minAge: 16,
      maxAge: 55,
    },
    trade: '车工',
    startsOn: '2027-01-11',
    endsOn: '2027-02-19',
    hours: 240,
  }),
  orderClass({
    code: 'training-welder',
    title: '电焊工定单式培训班',
    summary: '面向企业用工需求的电焊工技能培训，政府出资，考核合格颁发证书。',
    benefits: ['学费全免', '考核合格颁发职业资格证书', '每人培训补贴 1,400 元'],
    eligibility: {
      categoriesAny: ['laid_off', 'landless_farmer', 'rural_migrant', 'registered_unemployed', 'hard_to_employ'],
      minAge: 18,
      maxAge: 55,
    },
    trade: '电焊工',
    startsOn: '2027-01-18',
    endsOn: '2027-02-26',
    hours: 240,
  }),
  orderClass({
    code: 'training-cnc',
    title: '数控技术定单式培训班',
    summary: '数控机床操作培训，按合作企业岗位需求定向培养。',
    benefits: ['学费全免', '定向推荐就业', '每人培训补贴 1,400 元'],
    eligibility: { categoriesAny: ['laid_off', 'landless_farmer', 'rural_migrant', 'registered_unemployed'], minAge: 16, maxAge: 45 },
    trade: '数控',
    startsOn: '2027-02-22',
    endsOn: '2027-04-16',
    hours: 320,
  }),
  training({
    code: 'training-rural-transfer',
    title: '农村劳动力转移就业培训',
    summary: '帮助被征地农民和农村劳动力掌握一门技能、转移到城镇就业。',
    benefits: ['免费培训', '推荐就业'],
    eligibility: { categoriesAny: ['landless_farmer', 'rural_migrant'], householdTypes: ['rural'], minAge: 16 },
    details: {
      category: 'rural_transfer',
      trade: '综合技能',
      school: '区人力资源市场培训中心',
      startsOn: '2027-01-04',
      endsOn: '2027-01-22',
      hours: 120,
      subsidyPerTraineeFen: yuanToFen(800),
    },
    seats: 50,
  }),
  training({
    code: 'training-entrepreneurship',
    title: '创业指导培训班',
    summary: '讲解开业手续、经营管理和扶持政策，帮助有创业意愿的居民迈出第一步。',
    benefits: ['免费培训', '结业后可优先申请创业担保贷款和创业园摊位'],
    eligibility: { minAge: 18 },
    details: {
      category: 'entrepreneurship',
      trade: '创业指导',
      school: '区劳动和社会保障局',
      startsOn: '2027-01-08',
      endsOn: '2027-01-10',
      hours: 40,
      subsidyPerTraineeFen: 0,
    },
    seats: 40,
  }),
  {
    code: 'subsidy-flexible-insurance',
    kind: 'subsidy',
    title: '灵活就业困难人员社会保险补贴',
    summary: '就业困难人员灵活就业后缴纳社会保险，经社区核实后按季度申领补贴。',
    benefits: ['按季度补贴已缴纳的社会保险费'],
    eligibility: { categoriesAny: ['hard_to_employ'], requiresCertificate: true },
    materials: [ID_CARD, { code: 'insurance_receipt', label: '本季度社保缴费凭证', required: true }],
    details: { period: 'quarter', amountPerPeriodFen: yuanToFen(900) },
    opensAt: OPENS,
    closesAt: null,
  },
];

/** The seed programme with this code; throws for a code the catalogue does not have. */
export function seedProgram(code: string): ProgramSeed {
  const seed = SEED_PROGRAMS.find((p) => p.code === code);
  if (!seed) throw new Error(`no seed programme ${code}`);
  return seed;
}
