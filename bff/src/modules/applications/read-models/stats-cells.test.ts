import { APPLICATION_STATUSES, statusesOf } from '@minsheng/shared';
import { addCells, bucketsOf, CELL_FIGURES, cellsOf, WAIT_BUCKETS, waitBucket, waitMinutes, type CountedApplication } from './stats-cells';

// The statistics counters stay small whatever the volume: every counter path is one of a fixed set.

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const submittedAt = new Date('2026-03-10T02:00:00Z');

/** A decided application of one community, street and kind, its first decision `waitMs` after submission. */
function decided(waitMs: number, i: number): CountedApplication {
  const statuses = statusesOf('loan');
  return {
    kind: 'loan',
    status: statuses[i % statuses.length] ?? 'submitted',
    street: '铁心桥街道',
    community: 'jmjy',
    submittedAt,
    history: [
      { action: 'submit', to: 'submitted', at: submittedAt },
      { action: 'approve', to: 'approved', at: new Date(submittedAt.getTime() + waitMs) },
    ],
    loan: { approvedFen: 1_000_000 + i, disbursedFen: 1_000_000 + i, repaidFen: i, outstandingFen: 1_000_000 },
  };
}

/** The number of counters (leaves) of a bucket's `c`. */
function leaves(node: unknown): number {
  if (typeof node !== 'object' || node === null) return 1;
  return Object.values(node).reduce<number>((n, child) => n + leaves(child), 0);
}

describe('the statistics counters', () => {
  it('keep a bucket under a fixed number of counters however many distinct waits it counts', () => {
    const c: Record<string, unknown> = {};
    // 20,000 applications, each decided after a different whole minute, over two months and beyond a year.
    for (let i = 0; i < 20_000; i += 1) addCells(c, cellsOf(decided((i * 37 + (i % 7)) * MINUTE + (i >= 19_990 ? 400 * DAY : 0), i)));
    const cell = (c.jmjy as Record<string, Record<string, { s: object; f: object; w: object }>>)['铁心桥街道']?.loan;
    const bound = statusesOf('loan').length + CELL_FIGURES.length + WAIT_BUCKETS;
    expect(leaves(c)).toBeLessThanOrEqual(bound);
    expect(Object.keys(cell?.w ?? {}).length).toBeLessThanOrEqual(WAIT_BUCKETS);
    expect(Object.keys(cell?.s ?? {}).length).toBeLessThanOrEqual(APPLICATION_STATUSES.length);
    // The bucket as JSON: a few KB (one counter per distinct minute made it 88 KB at 100,000 applications).
    expect(JSON.stringify(c).length).toBeLessThan(8_000);
  });

  it('read a wait from its bucket within a minute below an hour, 30 minutes below two days and 12 hours up to a year', () => {
    const worst = { minute: 0, hour: 0, day: 0 };
    const capped = new Set<number>();
    for (let minutes = 0; minutes < 400 * 24 * 60; minutes += 7) {
      const ms = minutes * MINUTE + 59_999;
      const error = Math.abs(waitMinutes(waitBucket(ms)) - ms / MINUTE);
      if (minutes < 60) worst.minute = Math.max(worst.minute, error);
      else if (minutes < 2 * 24 * 60) worst.hour = Math.max(worst.hour, error);
      else if (minutes < 365 * 24 * 60) worst.day = Math.max(worst.day, error);
      else capped.add(waitBucket(ms));
    }
    expect(worst.minute).toBeLessThan(1);
    expect(worst.hour).toBeLessThanOrEqual(30);
    expect(worst.day).toBeLessThanOrEqual(12 * 60);
    expect([...capped]).toEqual([365 * 24 * 60]);
    const buckets = new Set<number>();
    for (let minutes = 0; minutes < 800 * 24 * 60; minutes += 1) buckets.add(waitBucket(minutes * MINUTE));
    expect(buckets.size).toBe(WAIT_BUCKETS);
  });

  it('count an application in its community’s month bucket and in its day’s, China time', () => {
    expect(bucketsOf({ submittedAt: new Date('2026-02-28T16:30:00Z'), community: 'jmjy' })).toEqual({
      month: '2026-03/jmjy',
      day: '2026-03-01',
    });
  });
});
