import { declarationText, formatDate, formatDateTime } from './format';

describe('formatDateTime', () => {
  it('shows the time as the clock in China, whatever the phone’s time zone', () => {
    expect(formatDateTime('2026-03-03T06:30:00.000Z')).toBe('2026年3月3日 14:30');
  });

  it('moves to the next day in China after 16:00 UTC', () => {
    expect(formatDate('2026-03-31T16:30:00.000Z')).toBe('2026年4月1日');
  });
});

describe('declarationText', () => {
  it('says which text, whose hand and when', () => {
    expect(declarationText({ version: '2026-12-01', at: '2026-03-01T02:00:00.000Z', via: 'resident' })).toBe(
      '2026-12-01 版，本人于 2026年3月1日 10:00 确认',
    );
    expect(declarationText({ version: '2026-12-01', at: '2026-03-01T02:00:00.000Z', via: 'assisted' })).toMatch(
      /^2026-12-01 版，经工作人员帮办，本人于/,
    );
  });

  it('says that an application from before the declaration has none, rather than nothing', () => {
    expect(declarationText(null)).toBe('未记录（早于承诺书上线）');
  });
});
