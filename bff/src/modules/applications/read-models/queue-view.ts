import type { ApplicationStatus } from '@minsheng/shared';
import sift from 'sift';
import { Types } from 'mongoose';
import { claim } from '../../../db/claim';
import { QueueHeadModel, QueueItemModel, type QueueItemDoc } from './model';

/**
 * The open applications' queue held in each BFF process's memory.
 *
 * The embedded engine decodes every `queueitems` row for every query but a
 * read by `_id` (docs/PERFORMANCE.md), so a page of the staff queue cost a
 * scan of the whole working set, twice with its count. Here a page costs one
 * read by `_id` of the queue's head (`readmodelmeta` "queuehead": an epoch and
 * a version that every write of a queue row increases after it), and the
 * filter, sort and count run over the rows in memory. A process reloads the
 * rows when the head moved (another process, or this one, wrote a row), when
 * its copy is older than `MAX_AGE_MS` (a writer that died between
 * its row and its bump), or when the head is new (the collection was emptied).
 *
 * Why a reader never serves rows older than the head it read: a writer
 * changes the row first and bumps the head after; a reader reads the head
 * first and the rows after. A row changed between the two reads is in the
 * copy already, and the bump after it makes the next reader reload.
 *
 * A queue past `MAX_ROWS` open applications is not copied: the
 * queries go to the database (on MongoDB an index range each).
 */

const HEAD_ID = 'queuehead';

/** A copy is reloaded at least this often, whatever the head says (a writer may die between its row and its bump). */
const MAX_AGE_MS = 60_000;
/** Above this many open applications the queue is not copied: about 20 MB of rows, and MongoDB's indexes serve it better. */
const MAX_ROWS = 20_000;

interface Head {
  epoch: string;
  v: number;
}

interface Copy {
  head: Head;
  rows: QueueItemDoc[] | null; // null: too many rows to hold, read from the database
  loadedAt: number;
}

let copy: Copy | null = null;
let loading: Promise<Copy> | null = null;

/** Marks the queue changed: called after every write of a queue row. */
export async function bumpQueueHead(): Promise<void> {
  const bump = () =>
    QueueHeadModel.updateOne(
      { _id: HEAD_ID },
      { $inc: { v: 1 }, $setOnInsert: { epoch: new Types.ObjectId().toHexString() } },
      { upsert: true },
    );
  // Two first writers may both miss the head and both insert: the loser's retry updates the winner's.
  if (!(await claim(bump))) await bump();
}

async function readHead(): Promise<Head> {
  const head = await QueueHeadModel.findById(HEAD_ID).lean<Head | null>();
  return head ? { epoch: head.epoch, v: head.v } : { epoch: '', v: 0 };
}

async function load(head: Head): Promise<Copy> {
  const total = await QueueItemModel.estimatedDocumentCount();
  const rows = total > MAX_ROWS ? null : await QueueItemModel.find({}).lean<QueueItemDoc[]>();
  return { head, rows, loadedAt: Date.now() };
}

/** The rows as of now, or null when the queue is too large to hold. */
async function currentRows(): Promise<QueueItemDoc[] | null> {
  const head = await readHead();
  const held = copy;
  if (held && held.head.epoch === head.epoch && held.head.v === head.v && Date.now() - held.loadedAt < MAX_AGE_MS) {
    return held.rows;
  }
  // One load at a time per process; a reader that read a newer head than the load's waits for the next.
  for (;;) {
    const pending = loading ?? (loading = load(head).finally(() => (loading = null)));
    const loaded = await pending;
    if (loaded.head.epoch === head.epoch && loaded.head.v >= head.v) {
      if (!copy || copy.loadedAt <= loaded.loadedAt) copy = loaded;
      return loaded.rows;
    }
  }
}

type Key = number | string;

function keyOf(value: unknown): Key {
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'number') return value;
  if (value === null || value === undefined) return -Infinity;
  return String(value);
}

function compareKeys(a: Key, b: Key): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'number') return -1; // numbers and dates before strings, as MongoDB orders types
  if (typeof b === 'number') return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

function pathValue(row: QueueItemDoc, path: string): unknown {
  let value: unknown = row;
  for (const part of path.split('.')) value = (value as Record<string, unknown> | null | undefined)?.[part];
  return value;
}

function comparator(sort: Record<string, 1 | -1>) {
  const keys = Object.entries(sort);
  return (a: QueueItemDoc, b: QueueItemDoc): number => {
    for (const [path, direction] of keys) {
      const order = compareKeys(keyOf(pathValue(a, path)), keyOf(pathValue(b, path)));
      if (order !== 0) return direction * order;
    }
    return 0;
  };
}

/** Open applications' queue rows matching a filter (review/filter.ts), a page at a time. */
export async function findQueueRows(
  filter: Record<string, unknown>,
  page: { sort: Record<string, 1 | -1>; skip: number; limit: number },
): Promise<QueueItemDoc[]> {
  const rows = await currentRows();
  if (!rows) return QueueItemModel.find(filter).sort(page.sort).skip(page.skip).limit(page.limit).lean<QueueItemDoc[]>();
  return rows
    .filter(sift(filter))
    .sort(comparator(page.sort))
    .slice(page.skip, page.skip + page.limit);
}

/** How many open applications match a filter, per status (statuses with none left out). */
export async function countQueueRowsByStatus(filter: Record<string, unknown>): Promise<Partial<Record<ApplicationStatus, number>>> {
  const rows = await currentRows();
  const counts: Partial<Record<ApplicationStatus, number>> = {};
  if (!rows) {
    // Too many to hold: one count per open status, each the shape of a status-filtered queue view.
    const statuses = (await QueueItemModel.distinct('status', filter)) as ApplicationStatus[];
    for (const status of statuses) counts[status] = await QueueItemModel.countDocuments({ $and: [filter, { status }] });
    return counts;
  }
  for (const row of rows.filter(sift(filter))) counts[row.status] = (counts[row.status] ?? 0) + 1;
  return counts;
}

/** How many open applications match a filter. */
export async function countQueueRows(filter: Record<string, unknown>): Promise<number> {
  const rows = await currentRows();
  if (!rows) return QueueItemModel.countDocuments(filter);
  return rows.filter(sift(filter)).length;
}
