// Small factories for component tests: objects shaped as the BFF sends them.
import type { Application, Material, ProfileView, Program } from '@minsheng/shared';
import { seedProgram } from '@minsheng/shared/catalog';

// The lathe class as the BFF seeds it (its details are what the training forms read).
const LATHE = seedProgram('training-lathe');

const common = {
  summary: '面向下岗、失地和就业困难居民低价出租摊位。',
  benefits: ['低价租赁摊位', '免费创业培训'],
  eligibility: { categoriesAny: ['laid_off' as const, 'hard_to_employ' as const], minAge: 16 },
  eligibilityText: ['属于以下人员之一：国企下岗职工、就业困难人员', '年龄满 16 周岁'],
  crossRules: [],
  opensAt: '2025-12-31T16:00:00.000Z',
  closesAt: null,
  status: 'open' as const,
  acceptingNow: true,
};

export const ID_CARD = { code: 'id_card', label: '身份证正反面照片', required: true };

export function stallProgram(overrides: Partial<Program> = {}): Program {
  return {
    ...common,
    id: '65f0a1b2c3d4e5f6a7b8c9d0',
    code: 'park-chunjiang',
    title: '春江新城创业大市场摊位',
    materials: [ID_CARD],
    capacity: { total: 110, remaining: 12 },
    kind: 'stall',
    details: {
      park: '春江新城创业大市场',
      address: '铁心桥街道春江新城',
      categories: ['general_goods', 'clothing'],
      monthlyRentFen: 10000,
    },
    ...overrides,
  } as Program;
}

export function loanProgram(overrides: Partial<Program> = {}): Program {
  return {
    ...common,
    id: '65f0a1b2c3d4e5f6a7b8c9d1',
    code: 'loan-guaranteed',
    title: '创业担保贷款',
    eligibility: { categoriesAny: ['laid_off'], requiresCertificate: true, minAge: 18, maxAge: 60 },
    materials: [ID_CARD],
    capacity: null,
    kind: 'loan',
    details: { maxAmountFen: 5_000_000, maxTermMonths: 24, lender: '合作银行' },
    ...overrides,
  } as Program;
}

export function trainingProgram(overrides: Partial<Program> = {}): Program {
  return {
    ...common,
    id: '65f0a1b2c3d4e5f6a7b8c9d2',
    code: LATHE.code,
    title: LATHE.title,
    materials: LATHE.materials,
    capacity: { total: 30, remaining: 5 },
    kind: 'training',
    details: LATHE.details,
    ...overrides,
  } as Program;
}

export function subsidyProgram(overrides: Partial<Program> = {}): Program {
  return {
    ...common,
    id: '65f0a1b2c3d4e5f6a7b8c9d3',
    code: 'subsidy-flexible-insurance',
    title: '灵活就业困难人员社会保险补贴',
    materials: [ID_CARD],
    capacity: null,
    kind: 'subsidy',
    details: { period: 'quarter', amountPerPeriodFen: 90000 },
    ...overrides,
  } as Program;
}

export function profile(overrides: Partial<ProfileView> = {}): ProfileView {
  return {
    name: '张三',
    idNumberMasked: '320***********002X',
    birthDate: '1980-01-01',
    sex: 'male',
    mobile: '13800138000',
    community: 'cjxc',
    communityName: '春江新城社区',
    street: '铁心桥街道',
    householdType: 'urban',
    categories: ['laid_off'],
    certificate: null,
    ...overrides,
  };
}

export function material(overrides: Partial<Material> = {}): Material {
  return {
    id: '65f0a1b2c3d4e5f6a7b8c9e0',
    filename: 'id.jpg',
    contentType: 'image/jpeg',
    size: 1024,
    purpose: 'id_card',
    uploadedAt: '2026-03-01T02:00:00.000Z',
    ...overrides,
  };
}

export function application(overrides: Partial<Application> = {}): Application {
  return {
    id: '65f0a1b2c3d4e5f6a7b8c9f0',
    number: 'YH-2026-000123',
    kind: 'stall',
    programId: '65f0a1b2c3d4e5f6a7b8c9d0',
    programTitle: '春江新城创业大市场摊位',
    status: 'submitted',
    version: 1,
    form: { kind: 'stall', businessCategory: 'clothing', businessPlan: '在市场里卖童装和袜子，进货渠道稳定。' },
    materials: [material()],
    submittedAt: '2026-03-01T02:00:00.000Z',
    updatedAt: '2026-03-01T02:00:00.000Z',
    history: [{ at: '2026-03-01T02:00:00.000Z', action: 'submit', from: null, to: 'submitted', actorRole: 'resident' }],
    assignment: null,
    waitlistPosition: null,
    assistedBy: null,
    declaration: { version: '2026-12-01', at: '2026-03-01T02:00:00.000Z', via: 'resident' },
    ...overrides,
  };
}
