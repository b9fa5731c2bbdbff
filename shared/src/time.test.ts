import { chinaClock, chinaDate, chinaDateAdd, chinaDateTime, chinaDayEnd, chinaDayStart, chinaMonth, chinaYear } from './time';

// 16:00 UTC is midnight in China: the hours either side fall on different days there and in UTC.
describe('China time across midnight', () => {
  it('is already the next day in China between 16:00 and 24:00 UTC', () => {
    const at = new Date('2026-03-31T16:30:00Z');
    expect(chinaDate(at)).toBe('2026-04-01');
    expect(chinaDateTime(at)).toBe('2026-04-01 00:30');
    expect(chinaMonth(at)).toBe('2026-04');
  });

  it('is still the same day in China just before 16:00 UTC', () => {
    const at = new Date('2026-03-31T15:59:00Z');
    expect(chinaDate(at)).toBe('2026-03-31');
    expect(chinaDateTime(at)).toBe('2026-03-31 23:59');
  });

  it('is the same day in China and UTC after midnight UTC', () => {
    expect(chinaDate(new Date('2026-04-01T00:10:00Z'))).toBe('2026-04-01');
  });

  it('turns the year in China eight hours before UTC', () => {
    expect(chinaYear(new Date('2026-12-31T15:59:59Z'))).toBe(2026);
    expect(chinaYear(new Date('2026-12-31T16:00:00Z'))).toBe(2027);
  });

  it('reads the wall clock from the UTC fields of chinaClock', () => {
    const clock = chinaClock(new Date('2026-06-30T23:05:00Z'));
    expect([clock.getUTCFullYear(), clock.getUTCMonth() + 1, clock.getUTCDate(), clock.getUTCHours(), clock.getUTCMinutes()]).toEqual([
      2026, 7, 1, 7, 5,
    ]);
  });
});

describe('China calendar days as instants', () => {
  it('starts a day at 16:00 UTC of the day before', () => {
    expect(chinaDayStart('2026-04-01').toISOString()).toBe('2026-03-31T16:00:00.000Z');
  });

  it('ends a day where the next one starts, across a month and a year', () => {
    expect(chinaDayEnd('2026-04-30').getTime()).toBe(chinaDayStart('2026-05-01').getTime());
    expect(chinaDayEnd('2026-12-31').toISOString()).toBe('2026-12-31T16:00:00.000Z');
  });

  it('gives back the day it started from', () => {
    for (const day of ['2024-02-29', '2026-01-01', '2026-12-31']) {
      expect(chinaDate(chinaDayStart(day))).toBe(day);
      expect(chinaDate(new Date(chinaDayEnd(day).getTime() - 1))).toBe(day);
    }
  });

  it('counts days on China’s calendar, not UTC’s', () => {
    // 17:00 UTC on 4 March is 01:00 on 5 March in China: 29 days earlier is 4 February there.
    expect(chinaDateAdd(new Date('2026-03-04T17:00:00Z'), -29)).toBe('2026-02-04');
    expect(chinaDateAdd(new Date('2026-02-28T16:00:00Z'), 1)).toBe('2026-03-02');
  });
});
