import { AUDIT_ACTIONS, AUDIT_ACTION_LABELS, auditCursor, auditQuerySchema } from './audit';

describe('the audit log schemas', () => {
  it('labels every action in Chinese', () => {
    for (const action of AUDIT_ACTIONS)
      expect([action, AUDIT_ACTION_LABELS[action]]).toEqual([action, expect.stringMatching(/\p{Script=Han}/u)]);
  });

  it('pages 50 entries unless asked, and takes back the cursor it wrote', () => {
    const token = auditCursor.encode({ sort: 'newest', at: new Date('2026-12-01T02:00:00Z'), id: '0123456789abcdef01234567' });
    expect(auditQuerySchema.parse({ after: token })).toEqual({
      pageSize: 50,
      after: { sort: 'newest', at: new Date('2026-12-01T02:00:00Z'), id: '0123456789abcdef01234567' },
    });
  });

  it('refuses a range that ends before it starts, on `to`', () => {
    const result = auditQuerySchema.safeParse({ from: '2026-06-02', to: '2026-06-01' });
    expect(result.success ? [] : result.error.issues.map((i) => i.path.join('.'))).toEqual(['to']);
    expect(auditQuerySchema.safeParse({ from: '2026-06-01', to: '2026-06-01' }).success).toBe(true);
  });
});
