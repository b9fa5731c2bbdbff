import { QUEUE_SORTS, type ProgramKind } from '@minsheng/shared';
import { Types } from 'mongoose';
import { rawCollection, useTestApp } from '../../../../test/kit';
import { afterCursor, queueOrder, withCursor } from '../../review/service';
import { ProgramModel } from '../../programs/model';
import { insertGeneratedApplications } from '../../reports/test-data';
import { QueueItemModel } from './model';
import { countQueueRows, findQueueRows } from './queue-view';
import { rebuildReadModels } from './index';

// The queue held in memory answers every filter, order and cursor exactly as
// the database answers the same query over `queueitems`, and follows writes
// made past this process once the queue's head has moved.

const t = useTestApp({ staff: [] }, async ({ app }) => {
  const programs = { stall: [], loan: [], training: [], subsidy: [] } as Record<ProgramKind, { id: string; title: string }[]>;
  for (const p of await ProgramModel.find({}, { kind: 1, title: 1 }).lean())
    programs[p.kind as ProgramKind].push({ id: String(p._id), title: p.title });
  await insertGeneratedApplications({ count: 400, open: 300, pii: app.context.deps.pii, programs, seed: 20261203 });
  await rebuildReadModels();
  // Some loans fall due (the generator leaves no open loan with a due date): the rows as a later step would leave them.
  const loans = await rawCollection('queueitems').find({ kind: 'loan' }).limit(12).toArray();
  for (const [i, loan] of loans.entries()) {
    await rawCollection('queueitems').updateOne({ _id: loan._id }, { $set: { 'loan.dueOn': i % 2 === 0 ? '2026-06-30' : '2027-06-30' } });
  }
  await rawCollection('queuehead').updateOne({ _id: 'queuehead' as never }, { $inc: { v: 1 } });
  const rows = await rawCollection('queueitems').find({}).toArray();
  const sample = rows[17];
  if (!sample) throw new Error('no queue rows generated');
  return { sample, programId: (rows.find((r) => r.kind === 'training') ?? sample).programId as Types.ObjectId };
});

function filters(): [string, Record<string, unknown>][] {
  const { sample, programId } = t;
  const name = String((sample.applicant as { name: string }).name).slice(0, 1);
  const submitted = sample.submittedAt as Date;
  return [
    ['everything', {}],
    ['a status', { status: sample.status }],
    ['a kind', { kind: 'loan' }],
    ['a programme', { programId: new Types.ObjectId(String(programId)) }],
    ['a street', { street: sample.street }],
    ['an officer’s communities', { community: { $in: [sample.community, 'cjxc'] } }],
    ['a date range', { submittedAt: { $gte: new Date(submitted.getTime() - 20 * 86_400_000), $lt: submitted } }],
    ['a name prefix', { 'applicant.name': { $regex: `^${name}` } }],
    ['a mobile tail', { 'applicant.mobileTail': (sample.applicant as { mobileTail: string }).mobileTail }],
    ['loans due before a day', { kind: 'loan', 'loan.dueOn': { $lt: '2026-12-03' } }],
    ['a combination', { $and: [{ community: { $in: [sample.community] } }, { kind: sample.kind }, { status: { $ne: 'submitted' } }] }],
    ['nothing', { number: 'NONE-0000-000000' }],
  ];
}

const ids = (rows: { _id: unknown }[]) => rows.map((r) => String(r._id));

describe('the in-memory queue', () => {
  it.each(QUEUE_SORTS)('pages and counts like the database in the %s order, for every filter, by page and by cursor', async (sort) => {
    const order = queueOrder(sort);
    for (const [label, filter] of filters()) {
      const expected = await QueueItemModel.find(filter).sort(order).lean();
      if (label !== 'nothing') expect({ label, matches: expected.length > 0 }).toEqual({ label, matches: true });
      expect({ label, count: await countQueueRows(filter) }).toEqual({ label, count: expected.length });
      const second = await findQueueRows(filter, { sort: order, skip: 20, limit: 21 });
      expect({ label, page: ids(second) }).toEqual({ label, page: ids(expected.slice(20, 41)) });
      const last = expected[9];
      if (!last) continue;
      const field = Object.keys(order)[0] as 'submittedAt' | 'updatedAt';
      const after = { sort, at: last[field] as Date, id: String(last._id) };
      const next = await findQueueRows(withCursor(filter, after), { sort: order, skip: 0, limit: 21 });
      expect({ label, next: ids(next) }).toEqual({ label, next: ids(expected.slice(10, 31)) });
      expect(
        ids(
          await QueueItemModel.find({ $and: [filter, afterCursor(after)] })
            .sort(order)
            .limit(21)
            .lean(),
        ),
      ).toEqual(ids(next));
    }
  });

  it('shows a row written by another process once the head has moved, and a row removed', async () => {
    const { sample } = t;
    const order = queueOrder('newest');
    const before = await countQueueRows({});
    const copy = { ...sample, _id: new Types.ObjectId(), number: 'QV-2026-000001', submittedAt: new Date() };
    // What another BFF process does: the row first, then the head.
    await rawCollection('queueitems').insertOne(copy);
    await rawCollection('queuehead').updateOne({ _id: 'queuehead' as never }, { $inc: { v: 1 } });
    expect(await countQueueRows({})).toBe(before + 1);
    expect(ids(await findQueueRows({}, { sort: order, skip: 0, limit: 1 }))).toEqual([String(copy._id)]);
    await rawCollection('queueitems').deleteOne({ _id: copy._id });
    await rawCollection('queuehead').updateOne({ _id: 'queuehead' as never }, { $inc: { v: 1 } });
    expect(await countQueueRows({})).toBe(before);
  });

  it('starts over when the head is new (the database was emptied and filled again)', async () => {
    const before = await countQueueRows({});
    await rawCollection('queuehead').deleteMany({});
    await rebuildReadModels();
    expect(await rawCollection('queuehead').countDocuments({})).toBe(1);
    expect(await countQueueRows({})).toBe(before);
    expect(await countQueueRows({})).toBe(await rawCollection('queueitems').countDocuments({}));
  });
});
