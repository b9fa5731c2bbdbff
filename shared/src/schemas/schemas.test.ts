import type { z } from 'zod';
import { applicationFormSchema, createApplicationRequestSchema, quarterSchema } from './application';
import { idempotencyKeySchema } from './common';
import { APPLICANT_DECLARATION, PRIVACY_NOTICE } from '../privacy';
import { profileInputSchema } from './profile';

const PROGRAM_ID = '65f0a1b2c3d4e5f6a7b8c9d0';
const MATERIAL_ID = '65f0a1b2c3d4e5f6a7b8c9d1';

/** The issues of a failed parse, or a test failure when it succeeded. */
function issuesOf(result: { success: true } | { success: false; error: z.ZodError }): z.core.$ZodIssue[] {
  if (result.success) throw new Error('expected the parse to fail');
  return result.error.issues;
}

const goodProfile = {
  name: '张三',
  idNumber: '32011419800101002x',
  mobile: '+86 138-0013-8000',
  community: 'hxc01',
  householdType: 'urban',
  categories: ['laid_off', 'hard_to_employ'],
  privacyNoticeVersion: PRIVACY_NOTICE.version,
};

/** What every submission carries: the declaration ticked, of the text shown. */
const DECLARED = { declaration: true, declarationVersion: APPLICANT_DECLARATION.version };

describe('profileInputSchema', () => {
  it('accepts a good profile and normalises the ID number and mobile', () => {
    const result = profileInputSchema.safeParse(goodProfile);
    expect(result.success).toBe(true);
    expect(result.data).toEqual({
      ...goodProfile,
      idNumber: '32011419800101002X',
      mobile: '13800138000',
    });
  });

  it('accepts a profile without an ID number and defaults categories to []', () => {
    const { idNumber: _omit, categories: _none, ...rest } = goodProfile;
    const result = profileInputSchema.safeParse(rest);
    expect(result.success).toBe(true);
    expect(result.data?.idNumber).toBeUndefined();
    expect(result.data?.categories).toEqual([]);
  });

  it('rejects a wrong ID number with a Chinese message at idNumber', () => {
    const issues = issuesOf(profileInputSchema.safeParse({ ...goodProfile, idNumber: '320114198001010021' }));
    expect(issues).toHaveLength(1);
    expect(issues[0]?.path).toEqual(['idNumber']);
    expect(issues[0]?.message).toBe('身份证号不正确，请核对 18 位号码');
  });

  it('rejects a wrong mobile at mobile', () => {
    const issues = issuesOf(profileInputSchema.safeParse({ ...goodProfile, mobile: '12345678901' }));
    expect(issues[0]?.path).toEqual(['mobile']);
    expect(issues[0]?.message).toBe('手机号不正确，应为 11 位手机号码');
  });

  it('rejects unknown keys', () => {
    const issues = issuesOf(profileInputSchema.safeParse({ ...goodProfile, role: 'admin' }));
    expect(issues[0]?.code).toBe('unrecognized_keys');
  });

  it('rejects duplicate categories', () => {
    const issues = issuesOf(profileInputSchema.safeParse({ ...goodProfile, categories: ['laid_off', 'laid_off'] }));
    expect(issues[0]?.path).toEqual(['categories']);
    expect(issues[0]?.message).toBe('人员类别重复');
  });

  it('rejects an unknown category', () => {
    const issues = issuesOf(profileInputSchema.safeParse({ ...goodProfile, categories: ['retired'] }));
    expect(issues[0]?.path).toEqual(['categories', 0]);
  });

  it('rejects a name with digits', () => {
    const issues = issuesOf(profileInputSchema.safeParse({ ...goodProfile, name: '张三3' }));
    expect(issues[0]?.path).toEqual(['name']);
  });

  it('rejects a profile without the privacy notice agreed to, or agreed to an older text, at privacyNoticeVersion', () => {
    const { privacyNoticeVersion: _none, ...unagreed } = goodProfile;
    for (const input of [unagreed, { ...goodProfile, privacyNoticeVersion: '2020-01-01' }]) {
      const issues = issuesOf(profileInputSchema.safeParse(input));
      expect(issues.map((i) => [i.path, i.message])).toEqual([[['privacyNoticeVersion'], '请先阅读并同意《个人信息保护告知》']]);
    }
  });

  it('trims the name', () => {
    expect(profileInputSchema.parse({ ...goodProfile, name: ' 李四 ' }).name).toBe('李四');
  });
});

const goodForms = {
  stall: { kind: 'stall', businessCategory: 'clothing', businessPlan: '在创业园经营童装，主要面向周边社区居民' },
  loan: { kind: 'loan', businessName: '小吃店', amountFen: 5000000, termMonths: 24, purpose: '购置设备和首批原料' },
  training: { kind: 'training', education: 'junior' },
  subsidy: { kind: 'subsidy', period: '2026Q3', employment: '在社区从事家政服务' },
} as const;

describe('applicationFormSchema', () => {
  it.each(Object.values(goodForms))('accepts a good $kind form', (form) => {
    expect(applicationFormSchema.safeParse(form).success).toBe(true);
  });

  it('rejects an unknown kind', () => {
    expect(applicationFormSchema.safeParse({ ...goodForms.training, kind: 'grant' }).success).toBe(false);
  });

  it('rejects the fields of one kind under another kind', () => {
    expect(applicationFormSchema.safeParse({ ...goodForms.loan, kind: 'stall' }).success).toBe(false);
  });

  it('rejects unknown keys in a form', () => {
    expect(applicationFormSchema.safeParse({ ...goodForms.training, salary: 3000 }).success).toBe(false);
  });

  it('accepts a loan of exactly 1,000 yuan', () => {
    expect(applicationFormSchema.safeParse({ ...goodForms.loan, amountFen: 100000 }).success).toBe(true);
  });

  it('rejects a loan below 1,000 yuan', () => {
    const issues = issuesOf(applicationFormSchema.safeParse({ ...goodForms.loan, amountFen: 99999 }));
    expect(issues[0]?.path).toEqual(['amountFen']);
    expect(issues[0]?.message).toBe('贷款金额至少 1,000 元');
  });

  it('rejects a non-integer amount of fen', () => {
    const issues = issuesOf(applicationFormSchema.safeParse({ ...goodForms.loan, amountFen: 150000.5 }));
    expect(issues[0]?.path).toEqual(['amountFen']);
    expect(issues[0]?.message).toBe('金额必须以分为单位的整数');
  });

  it('rejects a loan term that is not whole months', () => {
    const issues = issuesOf(applicationFormSchema.safeParse({ ...goodForms.loan, termMonths: 1.5 }));
    expect(issues[0]?.path).toEqual(['termMonths']);
  });

  it('rejects a stall plan shorter than 10 characters after trimming', () => {
    const issues = issuesOf(applicationFormSchema.safeParse({ ...goodForms.stall, businessPlan: '  卖衣服  ' }));
    expect(issues[0]?.message).toBe('经营设想至少 10 个字');
  });

  it('rejects a subsidy for a malformed quarter', () => {
    expect(applicationFormSchema.safeParse({ ...goodForms.subsidy, period: '2026Q5' }).success).toBe(false);
  });
});

describe('createApplicationRequestSchema', () => {
  it('defaults materialIds to []', () => {
    const request = createApplicationRequestSchema.parse({ programId: PROGRAM_ID, form: goodForms.training, ...DECLARED });
    expect(request.materialIds).toEqual([]);
  });

  it('keeps given material ids', () => {
    const request = createApplicationRequestSchema.parse({
      programId: PROGRAM_ID,
      form: goodForms.training,
      materialIds: [MATERIAL_ID],
      ...DECLARED,
    });
    expect(request.materialIds).toEqual([MATERIAL_ID]);
  });

  it('rejects more than 20 materials', () => {
    const materialIds = Array.from({ length: 21 }, () => MATERIAL_ID);
    const issues = issuesOf(
      createApplicationRequestSchema.safeParse({ programId: PROGRAM_ID, form: goodForms.training, materialIds, ...DECLARED }),
    );
    expect(issues[0]?.path).toEqual(['materialIds']);
  });

  it('rejects a malformed programme id', () => {
    const issues = issuesOf(createApplicationRequestSchema.safeParse({ programId: 'ABC', form: goodForms.training, ...DECLARED }));
    expect(issues[0]?.path).toEqual(['programId']);
  });

  it('rejects a submission without the declaration ticked, naming the field', () => {
    const issues = issuesOf(createApplicationRequestSchema.safeParse({ programId: PROGRAM_ID, form: goodForms.training }));
    expect(issues.map((i) => i.path[0])).toEqual(['declaration', 'declarationVersion']);
    expect(issues[0]?.message).toBe('请勾选“本人承诺所填信息真实”');
  });

  it('rejects unknown keys', () => {
    const result = createApplicationRequestSchema.safeParse({
      programId: PROGRAM_ID,
      form: goodForms.training,
      status: 'approved',
      ...DECLARED,
    });
    expect(issuesOf(result)[0]?.code).toBe('unrecognized_keys');
  });
});

describe('idempotencyKeySchema', () => {
  it.each(['abcd1234', 'f47ac10b-58cc-4372-a567-0e02b2c3d479', 'A_b-C_d-', 'x'.repeat(64)])('accepts %s', (key) => {
    expect(idempotencyKeySchema.safeParse(key).success).toBe(true);
  });

  it.each(['abc1234', 'x'.repeat(65), 'abcd 1234', 'abcd.1234', '请求编号请求编号'])('rejects %s', (key) => {
    expect(idempotencyKeySchema.safeParse(key).success).toBe(false);
  });

  it('rejects a missing key with a Chinese message', () => {
    expect(issuesOf(idempotencyKeySchema.safeParse(undefined))[0]?.message).toBe('缺少请求编号');
  });
});

describe('quarterSchema', () => {
  it.each(['2026Q1', '2026Q3', '2099Q4'])('accepts %s', (quarter) => {
    expect(quarterSchema.safeParse(quarter).success).toBe(true);
  });

  it.each(['2026Q0', '2026Q5', '2026q3', '2026-Q3', '1999Q1', '26Q3', '2026Q3 '])('rejects %s', (quarter) => {
    expect(quarterSchema.safeParse(quarter).success).toBe(false);
  });
});
