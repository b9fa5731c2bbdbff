import {
  ACTIONS,
  CERTIFICATE_ACTIONS,
  MACHINES,
  PROGRAM_KINDS,
  NOTICE_KINDS,
  noticeFor,
  certificateNotice,
  markMessagesReadRequestSchema,
  subscriptionGrantRequestSchema,
  type NoticeKind,
} from '../index';

const isCertificateKind = (kind: NoticeKind) => kind.startsWith('certificate_');

const facts = {
  programTitle: '景明佳园创业园',
  number: 'YH-2026-000007',
  reason: '缺少营业执照',
  slot: 'A-03',
  amountFen: 2_800_000,
  termMonths: 24,
};

describe('noticeFor', () => {
  it('sends a notice for each kind the resident cares about, from some step of some machine', () => {
    const sent = new Set<NoticeKind>();
    for (const kind of PROGRAM_KINDS) {
      for (const action of ACTIONS) {
        const notice = noticeFor(kind, action, facts);
        if (notice) sent.add(notice.kind);
      }
    }
    expect([...sent].sort()).toEqual(NOTICE_KINDS.filter((k) => !isCertificateKind(k)).sort());
  });

  it("answers null for a step the kind's machine does not have", () => {
    expect(noticeFor('stall', 'disburse', facts)).toBeNull();
    expect(noticeFor('loan', 'pay', facts)).toBeNull();
  });

  it('answers null for steps the resident takes or does not need to hear about', () => {
    for (const action of ['start_review', 'withdraw', 'resubmit', 'record_repayment'] as const) {
      expect(noticeFor('loan', action, facts)).toBeNull();
    }
  });

  it('takes the status from the machine', () => {
    for (const kind of PROGRAM_KINDS) {
      for (const t of MACHINES[kind].transitions) {
        const notice = noticeFor(kind, t.action, facts);
        if (notice) expect(notice.status).toBe(t.to);
      }
    }
  });

  it('names the stall on approval of a stall', () => {
    expect(noticeFor('stall', 'approve', facts)).toMatchObject({ kind: 'stall_assigned', title: '摊位已分配' });
    expect(noticeFor('stall', 'approve', facts)?.body).toContain('分配摊位：A-03');
  });

  it('tells a training applicant about the seat, and about promotion from the wait-list', () => {
    expect(noticeFor('training', 'approve', facts)?.kind).toBe('seat_taken');
    expect(noticeFor('training', 'promote', facts)).toMatchObject({ kind: 'seat_promoted', status: 'approved', title: '候补已转正' });
  });

  it('gives the reason of a refusal and of a request for information', () => {
    expect(noticeFor('subsidy', 'reject', facts)?.body).toContain('原因：缺少营业执照。');
    expect(noticeFor('subsidy', 'request_info', facts)?.body).toContain('说明：缺少营业执照。');
  });

  it('writes amounts in yuan', () => {
    expect(noticeFor('loan', 'disburse', facts)?.body).toContain('已放款 28,000.00 元');
    expect(noticeFor('loan', 'approve', facts)?.body).toContain('批准金额 28,000.00 元，期限 24 个月。');
    expect(noticeFor('subsidy', 'pay', { ...facts, amountFen: 140_000 })?.body).toContain('1,400.00 元');
  });

  it('names programme and number in every text', () => {
    for (const kind of PROGRAM_KINDS) {
      for (const action of ACTIONS) {
        const notice = noticeFor(kind, action, facts);
        if (notice) expect(notice.body).toContain(`「${facts.programTitle}」`);
        if (notice) expect(notice.body).toContain(facts.number);
      }
    }
  });
});

describe('certificateNotice', () => {
  it('sends each certificate kind from some decision on the 就业创业证, with a title and a body', () => {
    const sent = new Set<NoticeKind>();
    for (const action of CERTIFICATE_ACTIONS) {
      const notice = certificateNotice(action, { number: 'JC-2026-000001', reason: '材料不实' });
      if (!notice) continue;
      sent.add(notice.kind);
      expect(notice.title).toMatch(/^就业创业证/);
      expect(notice.body).toContain('《就业创业证》');
    }
    expect([...sent].sort()).toEqual(NOTICE_KINDS.filter(isCertificateKind).sort());
  });

  it("is silent on the station's check, which the resident does not need to hear about", () => {
    expect(certificateNotice('check', { number: null })).toBeNull();
  });

  it('names the number once issued, and the reason of a refusal, suspension or cancellation', () => {
    expect(certificateNotice('approve', { number: 'JC-2026-000001' })?.body).toContain('证号 JC-2026-000001');
    for (const action of ['reject', 'suspend', 'cancel'] as const) {
      expect(certificateNotice(action, { number: 'JC-2026-000001', reason: '材料不实' })?.body).toContain('原因：材料不实。');
    }
  });
});

describe('request schemas', () => {
  it('marks some messages or all, nothing else', () => {
    expect(markMessagesReadRequestSchema.safeParse({ all: true }).success).toBe(true);
    expect(markMessagesReadRequestSchema.safeParse({ ids: ['0123456789abcdef01234567:3'] }).success).toBe(true);
    expect(markMessagesReadRequestSchema.safeParse({ ids: [] }).success).toBe(false);
    expect(markMessagesReadRequestSchema.safeParse({ all: false }).success).toBe(false);
    expect(markMessagesReadRequestSchema.safeParse({ ids: ['{"$ne":1}'] }).success).toBe(false);
  });

  it('accepts at most three template ids of the right shape', () => {
    expect(subscriptionGrantRequestSchema.safeParse({ accepted: ['tmpl_A-1'] }).success).toBe(true);
    expect(subscriptionGrantRequestSchema.safeParse({ accepted: ['a', 'b', 'c', 'd'] }).success).toBe(false);
    expect(subscriptionGrantRequestSchema.safeParse({ accepted: ['bad id'] }).success).toBe(false);
  });
});
