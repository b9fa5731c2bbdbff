// Small factories for the staff screens' tests: objects shaped as the BFF sends them.
import type { StaffApplication } from '@minsheng/shared';

export function staffApplication(overrides: Partial<StaffApplication> = {}): StaffApplication {
  return {
    id: '6b08c355b906020daa2dfa8e',
    number: 'YH-2026-000002',
    kind: 'loan',
    programId: '6b08c2c7ed9e9b7445064ef7',
    programTitle: '创业担保贷款（小额担保贷款）',
    status: 'under_review',
    version: 2,
    form: { kind: 'loan', businessName: '社区小吃店', amountFen: 3_000_000, termMonths: 24, purpose: '购置设备和首批原料' },
    applicant: {
      name: '孙丽',
      idNumberMasked: '320***********1027',
      mobileMasked: '139****0102',
      birthYear: 1990,
      sex: 'female',
      householdType: 'rural',
      categories: ['laid_off', 'hard_to_employ'],
      street: '板桥街道',
      community: 'bqsq',
    },
    materials: [
      {
        id: '6b08c355b906020daa2dfa8a',
        filename: 'photo.png',
        contentType: 'image/png',
        size: 204800,
        purpose: 'id_card',
        uploadedAt: '2026-03-01T01:58:00.000Z',
      },
    ],
    history: [
      { at: '2026-03-01T02:00:00.000Z', action: 'submit', from: null, to: 'submitted', actorRole: 'resident' },
      {
        at: '2026-03-02T02:00:00.000Z',
        action: 'start_review',
        from: 'submitted',
        to: 'under_review',
        actorRole: 'reviewer',
        actorName: '王芳',
      },
    ],
    submittedAt: '2026-03-01T02:00:00.000Z',
    updatedAt: '2026-03-02T02:00:00.000Z',
    decidedAt: null,
    assignment: null,
    waitlistPosition: null,
    assistedBy: null,
    declaration: { version: '2026-12-01', at: '2026-03-01T02:00:00.000Z', via: 'resident' },
    loan: null,
    training: null,
    subsidy: null,
    linkedApplicationId: null,
    certificate: null,
    consent: null,
    actions: ['request_info', 'reject', 'inspect'],
    ...overrides,
  };
}

export function stallApplication(overrides: Partial<StaffApplication> = {}): StaffApplication {
  return staffApplication({
    kind: 'stall',
    programTitle: '春江新城创业大市场摊位',
    form: { kind: 'stall', businessCategory: 'clothing', businessPlan: '在创业园经营童装，主要面向周边社区居民' },
    actions: ['approve', 'request_info', 'reject'],
    ...overrides,
  });
}
