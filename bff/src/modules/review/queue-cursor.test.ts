import { encodeQueueCursor, QUEUE_SORTS, type QueueSort } from '@minsheng/shared';
import { Types } from 'mongoose';
import { type Actor, createProgram, rawCollection, refusal, submitFresh, useTestApp } from '../../../test/kit';
import { rebuildReadModels } from '../applications/read-models';

// Keyset paging of the staff queue: `next` of one page is `after` of the following.
// This file has its own database, so the queue holds only the applications made here.

interface QueuePage {
  items: { id: string; community: string }[];
  total: number;
  page: number;
  pageSize: number;
  next: string | null;
}

// Three applications share one submittedAt and two another; updatedAt has its own ties,
// so that every order needs _id to break them.
const SUBMITTED = [
  '2026-03-01T08:00:00Z',
  '2026-03-02T08:00:00Z',
  '2026-03-02T08:00:00Z',
  '2026-03-02T08:00:00Z',
  '2026-03-03T08:00:00Z',
  '2026-03-04T08:00:00Z',
  '2026-03-04T08:00:00Z',
  '2026-03-05T08:00:00Z',
  '2026-03-06T08:00:00Z',
];
const UPDATED = [
  '2026-03-09T08:00:00Z',
  '2026-03-08T08:00:00Z',
  '2026-03-09T08:00:00Z',
  '2026-03-07T08:00:00Z',
  '2026-03-09T08:00:00Z',
  '2026-03-08T08:00:00Z',
  '2026-03-07T08:00:00Z',
  '2026-03-10T08:00:00Z',
  '2026-03-07T08:00:00Z',
];

/** `apps`: five in jmjy (铁心桥街道), four in bqsq (板桥街道), to the training programme `program`. */
const t = useTestApp({ seedCatalog: false, staff: ['reviewer', 'officer'] }, async ({ kit }) => {
  const program = await createProgram({ kind: 'training' });
  const apps = await Promise.all(
    SUBMITTED.map((_, i) => submitFresh(kit, program, 'training', { profile: { community: i % 2 === 0 ? 'jmjy' : 'bqsq' } })),
  );
  // Through the driver, so that mongoose's timestamps do not overwrite updatedAt.
  await Promise.all(
    apps.map((app, i) =>
      rawCollection('applications').updateOne(
        { _id: new Types.ObjectId(app.id) },
        { $set: { submittedAt: new Date(SUBMITTED[i] ?? ''), updatedAt: new Date(UPDATED[i] ?? '') } },
      ),
    ),
  );
  // Written past the product: the read models are rebuilt as after a bulk import.
  await rebuildReadModels();
  return { program, apps };
});

/** The ids in the sort's order, worked out here from the stored rows: sort key, then _id. */
async function expectedOrder(sort: QueueSort, filter: Record<string, unknown> = {}): Promise<string[]> {
  const field = sort === 'waiting' ? 'updatedAt' : 'submittedAt';
  const rows = await rawCollection('applications').find(filter).toArray();
  const ascending = rows
    .map((r) => ({ id: String(r._id), at: (r[field] as Date).getTime() }))
    .sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((r) => r.id);
  return sort === 'newest' ? ascending.reverse() : ascending;
}

function search(staff: Actor, body: Record<string, unknown>) {
  return staff.post('/api/admin/applications/search').send(body);
}

/** Follows `next` from the first page to the last; returns every page. */
async function walk(staff: Actor, body: Record<string, unknown>): Promise<QueuePage[]> {
  const pages: QueuePage[] = [];
  let after: string | null | undefined;
  do {
    const res = await search(staff, { ...body, ...(after ? { after } : {}) }).expect(200);
    const page = res.body as QueuePage;
    pages.push(page);
    after = page.next;
  } while (after && pages.length < 50);
  return pages;
}

const idsOf = (pages: QueuePage[]) => pages.flatMap((p) => p.items.map((i) => i.id));

describe('paging the queue by cursor', () => {
  it.each(QUEUE_SORTS)('returns every application exactly once, in %s order, and no cursor after the last page', async (sort) => {
    const expected = await expectedOrder(sort);
    const pages = await walk(t.reviewer, { sort, pageSize: 2 });

    expect(idsOf(pages)).toEqual(expected);
    expect(pages).toHaveLength(Math.ceil(expected.length / 2));
    expect(pages.every((p) => p.total === expected.length)).toBe(true);
    expect(pages.at(-1)?.next).toBeNull();
  });

  it('answers null for next when the last page is exactly full', async () => {
    const pages = await walk(t.reviewer, { programId: t.program, sort: 'oldest', pageSize: 3 });
    expect(pages.map((p) => p.items.length)).toEqual([3, 3, 3]);
    expect(pages.at(-1)?.next).toBeNull();
  });

  it('breaks equal submission times by _id, both ways', async () => {
    const tied = t.apps.slice(1, 4).map((a) => a.id);
    const from = '2026-03-02';
    const oldest = idsOf(await walk(t.reviewer, { sort: 'oldest', from, to: from, pageSize: 1 }));
    const newest = idsOf(await walk(t.reviewer, { sort: 'newest', from, to: from, pageSize: 1 }));

    expect(oldest).toEqual([...tied].sort());
    expect(newest).toEqual([...tied].sort().reverse());
  });

  it.each(QUEUE_SORTS)('keeps a filter with the cursor (community bqsq, %s)', async (sort) => {
    const expected = await expectedOrder(sort, { community: 'bqsq', programId: new Types.ObjectId(t.program) });
    const ids = idsOf(await walk(t.reviewer, { sort, community: 'bqsq', programId: t.program, pageSize: 2 }));

    expect(ids).toEqual(expected);
    expect(ids).toHaveLength(4);
  });

  it.each(QUEUE_SORTS)('keeps an officer to their own communities on every page (%s)', async (sort) => {
    const expected = await expectedOrder(sort, { community: 'jmjy' });
    const pages = await walk(t.officer, { sort, pageSize: 2 });

    expect(idsOf(pages)).toEqual(expected);
    expect(expected.length).toBeGreaterThanOrEqual(5);
    expect(pages.flatMap((p) => p.items).every((i) => i.community === 'jmjy')).toBe(true);
    expect(pages.every((p) => p.total === expected.length)).toBe(true);
  });

  it('pages the same way through the GET of the queue', async () => {
    const first = (await t.reviewer.get('/api/admin/applications').query({ sort: 'waiting', pageSize: 4 }).expect(200)).body as QueuePage;
    const second = (
      await t.reviewer
        .get('/api/admin/applications')
        .query({ sort: 'waiting', pageSize: 4, after: first.next ?? '' })
        .expect(200)
    ).body as QueuePage;

    expect([...idsOf([first]), ...idsOf([second])]).toEqual((await expectedOrder('waiting')).slice(0, 8));
  });

  it('gives a cursor with a page asked by number, which continues after it', async () => {
    const second = (await search(t.reviewer, { sort: 'newest', pageSize: 2, page: 2 }).expect(200)).body as QueuePage;
    const third = (await search(t.reviewer, { sort: 'newest', pageSize: 2, page: 3, after: second.next }).expect(200)).body as QueuePage;

    expect(third.page).toBe(3);
    expect(idsOf([third])).toEqual((await expectedOrder('newest')).slice(4, 6));
  });

  it('neither repeats nor skips a row when an application arrives during the walk', async () => {
    const other = await createProgram({ kind: 'training' });
    const first = await Promise.all([0, 1, 2].map(() => submitFresh(t.kit, other, 'training')));
    const page1 = (await search(t.reviewer, { programId: other, sort: 'newest', pageSize: 2 }).expect(200)).body as QueuePage;
    // A newer application lands on top: a skip would now show page 1's last row again.
    await submitFresh(t.kit, other, 'training');
    const page2 = (await search(t.reviewer, { programId: other, sort: 'newest', pageSize: 2, after: page1.next }).expect(200))
      .body as QueuePage;

    const seen = idsOf([page1, page2]);
    expect([...seen].sort()).toEqual(first.map((a) => a.id).sort());
    expect(page2.next).toBeNull();
  });
});

describe('refusing a cursor', () => {
  const valid = () => encodeQueueCursor({ sort: 'oldest', at: new Date(SUBMITTED[0] ?? ''), id: t.apps[0]?.id ?? '' });
  const base64url = (text: string) => Buffer.from(text).toString('base64url');

  it.each([
    ['not base64url', () => 'not a cursor!'],
    ['empty', () => ''],
    ['a number', () => 12345],
    ['base64url of something else', () => base64url('{"submittedAt":1}')],
    ['a bad id inside', () => base64url(`oldest.${Date.parse(SUBMITTED[0] ?? '')}.zzzz`)],
    ['an unknown sort inside', () => base64url(`random.${Date.parse(SUBMITTED[0] ?? '')}.${t.apps[0]?.id ?? ''}`)],
    ['cut short', () => valid().slice(0, -3)],
    ['a character added inside', () => base64url(`oldest.${Date.parse(SUBMITTED[0] ?? '')}.${t.apps[0]?.id ?? ''}0`)],
    ['a leading zero on the time', () => base64url(`oldest.0${Date.parse(SUBMITTED[0] ?? '')}.${t.apps[0]?.id ?? ''}`)],
    ['no time', () => base64url(`oldest..${t.apps[0]?.id ?? ''}`)],
    ['a time beyond any date', () => base64url(`oldest.9999999999999999.${t.apps[0]?.id ?? ''}`)],
    ['padded', () => `${valid()}==`],
    ['too long', () => 'A'.repeat(200)],
  ])('answers 400 VALIDATION_FAILED with a Chinese message on after (%s)', async (_what, after) => {
    const res = await search(t.reviewer, { sort: 'oldest', after: after() });

    expect(refusal(res)).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
    expect(Object.keys(res.body.error.fields)).toEqual(['after']);
    expect(res.body.error.fields.after).toMatch(/翻页位置/);
  });

  it('answers 400 VALIDATION_FAILED in the address too', async () => {
    const res = await t.reviewer.get('/api/admin/applications').query({ after: 'bm90LWEtY3Vyc29y' });
    expect(refusal(res)).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
    expect(Object.keys(res.body.error.fields)).toEqual(['after']);
  });

  it.each([
    ['oldest', 'newest'],
    ['newest', 'waiting'],
    ['waiting', 'oldest'],
  ] as const)('refuses a cursor of the %s order when asked for %s', async (from, to) => {
    const { next } = (await search(t.reviewer, { sort: from, pageSize: 2 }).expect(200)).body as QueuePage;
    expect(next).toEqual(expect.any(String));

    const res = await search(t.reviewer, { sort: to, pageSize: 2, after: next });
    expect(refusal(res)).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
    expect(res.body.error.fields).toEqual({ after: '翻页位置属于另一种排序，请从第一页重新加载' });
  });
});
