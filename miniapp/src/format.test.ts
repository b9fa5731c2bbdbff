import { formatDate, formatDateTime } from './format';

describe('formatDateTime', () => {
  it('shows the time as the clock in China, whatever the phone’s time zone', () => {
    expect(formatDateTime('2026-03-03T06:30:00.000Z')).toBe('2026年3月3日 14:30');
  });

  it('moves to the next day in China after 16:00 UTC', () => {
    expect(formatDate('2026-03-31T16:30:00.000Z')).toBe('2026年4月1日');
  });
});
