import { rawCollection, startTestApp, type TestContext } from '../../../test/kit';
import { ApplicationNumbers } from './numbering';

let t: TestContext;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const seqOf = (number: string) => Number(number.split('-').at(-1));

describe('application numbers', () => {
  it('never gives one number to two processes drawing at once', async () => {
    // Each instance is what one BFF process holds; all three race for blocks on the same database.
    const processes = [new ApplicationNumbers(5), new ApplicationNumbers(5), new ApplicationNumbers(5)];
    const now = new Date('2026-06-01T04:00:00Z');
    const drawn = await Promise.all(processes.flatMap((p) => Array.from({ length: 40 }, () => p.next('NA', now))));
    expect(new Set(drawn).size).toBe(120);
    expect(drawn.every((n) => /^NA-2026-\d{6}$/.test(n))).toBe(true);
    // Each process's own numbers come in order, from whole blocks.
    const [one] = processes;
    if (!one) throw new Error('no process');
    const first = await Promise.all(Array.from({ length: 5 }, () => one.next('NA', now)));
    const start = seqOf(first[0] ?? '');
    expect(first.map(seqOf)).toEqual([0, 1, 2, 3, 4].map((i) => start + i));
    expect((start - 1) % 5).toBe(0);
  });

  it('starts a new process above every number handed out before, and numbers each year from its own counter', async () => {
    const now = new Date('2027-03-01T04:00:00Z');
    const before = new ApplicationNumbers(10);
    const used = await Promise.all(Array.from({ length: 13 }, () => before.next('NB', now)));
    const later = await new ApplicationNumbers(10).next('NB', now);
    expect(seqOf(later)).toBeGreaterThan(Math.max(...used.map(seqOf)));
    // New Year's Day in Beijing is still 31 December in UTC.
    expect(await new ApplicationNumbers(10).next('NB', new Date('2027-12-31T16:30:00Z'))).toBe('NB-2028-000001');
  });

  it('continues above a counter left by the earlier one-at-a-time numbering', async () => {
    await rawCollection('counters').insertOne({ _id: 'application:2029' as never, seq: 57 });
    const next = await new ApplicationNumbers(10).next('NC', new Date('2029-05-01T04:00:00Z'));
    expect(seqOf(next)).toBe(61);
  });
});
