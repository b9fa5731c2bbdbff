import { encodeQueueCursor, queueQuerySchema, queueSearchSchema, QUEUE_SORTS } from '../index';

const at = new Date('2026-03-02T08:00:00.123Z');
const id = '65f1a2b3c4d5e6f708192a3b';

describe('the queue cursor', () => {
  it.each(QUEUE_SORTS)('reads back what it wrote for the %s order, to the millisecond', (sort) => {
    const parsed = queueSearchSchema.parse({ sort, after: encodeQueueCursor({ sort, at, id }) });
    expect(parsed.after).toEqual({ sort, at, id });
  });

  it.each([new Date(8.64e15), new Date(-8.64e15), new Date(0)])('is URL-safe and reads back at the edges of Date (%s)', (edge) => {
    const token = encodeQueueCursor({ sort: 'waiting', at: edge, id });
    expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(queueQuerySchema.parse({ sort: 'waiting', after: token }).after).toEqual({ sort: 'waiting', at: edge, id });
  });

  it('is refused with another order, on the field after', () => {
    const result = queueSearchSchema.safeParse({ sort: 'newest', after: encodeQueueCursor({ sort: 'oldest', at, id }) });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path)).toEqual([['after']]);
  });

  it('is optional: the first page needs none', () => {
    expect(queueSearchSchema.parse({}).after).toBeUndefined();
  });
});
