import { isOpen } from '@minsheng/shared';
import type { Types } from 'mongoose';
import { claim } from '../../../db/claim';
import { serialized } from '../../../db/serialized';
import { ApplicationModel, RevisionModel, type ApplicationDoc } from '../model';
import {
  ApplicationRowModel,
  LookupModel,
  QueueItemModel,
  ReadModelMetaModel,
  StatsClaimModel,
  StatsDayModel,
  StatsEntryModel,
  StatsMonthModel,
  type QueueItemDoc,
} from './model';
import { bumpQueueHead } from './queue-view';
import { addCells, bucketsOf, cellsOf, diffCells, type Cells } from './stats-cells';

export type { QueueItemDoc } from './model';
export { monthOfBucket, segmentName, waitMinutes } from './stats-cells';
export { countQueueRows, countQueueRowsByStatus, findQueueRows } from './queue-view';

/**
 * The staff side's read models (model.ts), kept by the applications module
 * alone: `syncReadModels` after a submission is stored and after each step's
 * revision is applied (step.ts), so the application is written first and its
 * revision claim decides races; then the read models follow it, each write
 * idempotent. `ensureReadModels` rebuilds them at start when missing or of
 * an older schema, and catches up the applications changed in the last day.
 */

/** Bump when a read model's shape or meaning changes: the next start rebuilds them all (3: bounded wait histogram, month buckets per community). */
export const READ_MODEL_SCHEMA = 3;
const META_ID = 'readmodels';

/** Defined keys only: a row stores no empty sub-documents. */
function defined<T extends Record<string, unknown>>(fields: T): Partial<T> | undefined {
  const kept = Object.entries(fields).filter(([, value]) => value !== undefined && value !== null);
  return kept.length > 0 ? (Object.fromEntries(kept) as Partial<T>) : undefined;
}

/** The row of an application (model.ts `applicationRowSchema`): the queue's while it is open, and the export's. */
export function queueRowOf(app: ApplicationDoc): QueueItemDoc {
  const loan = app.loan as { dueOn?: string; approvedFen?: number; disbursedFen?: number; outstandingFen?: number } | undefined;
  const loanRow =
    loan &&
    defined({ dueOn: loan.dueOn, approvedFen: loan.approvedFen, disbursedFen: loan.disbursedFen, outstandingFen: loan.outstandingFen });
  return {
    _id: app._id,
    version: app.version,
    number: app.number,
    kind: app.kind,
    programId: app.programId,
    programTitle: app.programTitle,
    status: app.status,
    applicant: {
      name: app.applicant.name,
      idNumberMasked: app.applicant.idNumberMasked,
      idNumberHash: app.applicant.idNumberHash,
      mobileMasked: app.applicant.mobileMasked,
      mobileTail: app.applicant.mobileTail,
    },
    street: app.street,
    community: app.community,
    submittedAt: app.submittedAt,
    updatedAt: app.updatedAt,
    decidedAt: app.decidedAt ?? null,
    ...(app.assignment?.label ? { assignment: { label: app.assignment.label } } : {}),
    ...(loanRow ? { loan: loanRow } : {}),
    assisted: Boolean(app.assistedBy),
  };
}

/** The lookup keys of an application: its number and its applicant's keyed ID-number hash. */
export function lookupKeysOf(app: Pick<ApplicationDoc, 'number' | 'applicant'>): string[] {
  return [numberKey(app.number), personKey(app.applicant.idNumberHash)];
}
export const numberKey = (number: string) => `n:${number}`;
export const personKey = (idNumberHash: string) => `p:${idNumberHash}`;

function incrementsOf(cells: Cells): Record<string, number> {
  return Object.fromEntries(Object.entries(cells).map(([path, amount]) => [`c.${path}`, amount]));
}

/** `$inc` on a bucket; two first writers' upserts collide on `_id`, and the loser increments the bucket the winner made. */
async function increment(collection: typeof StatsMonthModel.collection, id: string, $inc: Record<string, number>): Promise<void> {
  await upsertRacing(() => collection.updateOne({ _id: id } as never, { $inc }, { upsert: true }));
}

/**
 * Moves a bucket pair's counters. FerretDB 1.x applies `$inc` as read, add,
 * write, so this process's increments of one bucket run one at a time
 * (db/serialized.ts); on MongoDB `$inc` is atomic across processes too.
 */
async function moveCounters(buckets: { month: string; day: string }, delta: Cells): Promise<void> {
  if (Object.keys(delta).length === 0) return;
  const $inc = incrementsOf(delta);
  await Promise.all([
    serialized(`statsmonth:${buckets.month}`, () => increment(StatsMonthModel.collection, buckets.month, $inc)),
    serialized(`statsday:${buckets.day}`, () => increment(StatsDayModel.collection, buckets.day, $inc)),
  ]);
}

/** An application's counter entry; the cells as a list, since a counter path is no field name. */
function entryOf(app: ApplicationDoc, cells: Cells) {
  return { _id: app._id, version: app.version, ...bucketsOf(app), cells: Object.entries(cells).map(([p, a]) => ({ p, a })) };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Moves the counters from what the application counted as (its entry) to
 * what it is now. The right to move on from an entry's version is a unique
 * insert, so of a retry and the original, or two racing steps, one moves the
 * counters and the other waits for its entry; a crash between claiming and
 * writing the entry leaves the application behind, which the start-up check
 * finds (`ensureReadModels`).
 */
async function syncCounters(app: ApplicationDoc): Promise<boolean> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const entry = await StatsEntryModel.findById(app._id).lean<{ version: number; cells: { p: string; a: number }[] } | null>();
    const from = entry?.version ?? 0;
    if (from >= app.version) return true;
    if (!(await claim(() => StatsClaimModel.create({ _id: `${String(app._id)}:${from}` })))) {
      await pause(10);
      continue;
    }
    const cells = cellsOf(app);
    const buckets = bucketsOf(app);
    await moveCounters(buckets, diffCells(Object.fromEntries((entry?.cells ?? []).map((c) => [c.p, c.a])), cells));
    await StatsEntryModel.replaceOne({ _id: app._id }, entryOf(app, cells), { upsert: true });
    return true;
  }
  return false;
}

/**
 * An upsert that two writers may race: on FerretDB both can miss the document
 * and both insert, and the loser meets the unique `_id` (E11000, which the
 * API would answer as 409 to a resent submission). The loser's retry finds the
 * winner's document and updates it.
 */
async function upsertRacing(write: () => Promise<unknown>): Promise<void> {
  if (!(await claim(write))) await write();
}

/** A row follows the application: replaced by a newer revision only. */
async function replaceRow(model: typeof QueueItemModel, app: ApplicationDoc): Promise<void> {
  const row = await model.findById(app._id, { version: 1 }).lean<{ version: number } | null>();
  if (row && row.version >= app.version) return;
  await upsertRacing(() => model.replaceOne({ _id: app._id }, queueRowOf(app), { upsert: true }));
}

/** The queue holds a row while the application is open, and none once nothing is left to do. */
async function syncQueueRow(app: ApplicationDoc): Promise<void> {
  if (isOpen(app.kind, app.status)) await replaceRow(QueueItemModel, app);
  else await QueueItemModel.deleteOne({ _id: app._id });
  await bumpQueueHead();
}

async function addLookups(app: ApplicationDoc): Promise<void> {
  await Promise.all(
    lookupKeysOf(app).map((key) =>
      upsertRacing(() => LookupModel.updateOne({ _id: key }, { $addToSet: { applicationIds: app._id } }, { upsert: true })),
    ),
  );
}

/**
 * Brings every read model in line with the application as stored now.
 * Idempotent: run it again, or from two processes, and nothing is counted
 * twice. The application is read again afterwards: when a later step landed
 * meanwhile, its state is written too, so a slower writer of an older
 * revision cannot leave the queue behind.
 */
export async function syncReadModels(app: ApplicationDoc): Promise<void> {
  let current: ApplicationDoc | null = app;
  for (let round = 0; current && round < 5; round += 1) {
    await Promise.all([
      syncQueueRow(current),
      replaceRow(ApplicationRowModel, current),
      syncCounters(current),
      round === 0 ? addLookups(current) : undefined,
    ]);
    const stored: ApplicationDoc | null = await ApplicationModel.findById(current._id).lean<ApplicationDoc>();
    if (!stored || stored.version === current.version) return;
    current = stored;
  }
}

const READ_MODELS = [QueueItemModel, ApplicationRowModel, LookupModel, StatsMonthModel, StatsDayModel, StatsEntryModel, StatsClaimModel];

/** What the rebuild writes, worked out in one pass over the applications. */
interface Rebuilt {
  /** Open applications' rows (queueitems), every application's row (applicationrows), counter entries. */
  rows: QueueItemDoc[];
  allRows: QueueItemDoc[];
  entries: Record<string, unknown>[];
  lookups: Map<string, Types.ObjectId[]>;
  months: Map<string, Record<string, unknown>>;
  days: Map<string, Record<string, unknown>>;
}

/** Adds one application to what the rebuild writes. */
function addApplication(app: ApplicationDoc, out: Rebuilt): void {
  const row = queueRowOf(app);
  out.allRows.push(row);
  if (isOpen(app.kind, app.status)) out.rows.push(row);
  for (const key of lookupKeysOf(app)) {
    const ids = out.lookups.get(key);
    if (ids) ids.push(app._id);
    else out.lookups.set(key, [app._id]);
  }
  const cells = cellsOf(app);
  const buckets = bucketsOf(app);
  out.entries.push(entryOf(app, cells));
  for (const [map, key] of [
    [out.months, buckets.month],
    [out.days, buckets.day],
  ] as const) {
    const bucket = map.get(key) ?? {};
    addCells(bucket, cells);
    map.set(key, bucket);
  }
}

/** Inserts the documents in batches, in their order; within a batch unordered (one failure does not stop the rest). */
async function insertInBatches(collection: typeof LookupModel.collection, docs: readonly object[], batchSize: number): Promise<void> {
  for (let i = 0; i < docs.length; i += batchSize) {
    await collection.insertMany(docs.slice(i, i + batchSize) as never[], { ordered: false });
  }
}

/**
 * Rebuilds every read model from the applications: empties the collections,
 * reads every application once through one cursor while working out the
 * rows, lookups, counters and entries, and writes them in batches once that
 * cursor is closed. Run at start when needed, and by whoever wrote
 * applications past the product (the bench's and tests' bulk inserts).
 *
 * Nothing is written while the cursor is open: on the embedded engine
 * (SQLite in WAL mode) an open read keeps every later write in the
 * write-ahead log, which cannot be checkpointed past it, so writing through
 * one cursor grew the log to 5.5 GB beside a 0.9 GB database at 100,000
 * applications (measured 2026-12-03, docs/PERFORMANCE.md) and made each
 * write search a longer log. What is held meanwhile is the small rows and
 * entries (a fifth of an application each); reading by pages instead would
 * scan on that engine, which pushes down no range on `_id`, and reading each
 * application by `_id` costs twice the cursor.
 */
export async function rebuildReadModels(options: { batchSize?: number } = {}): Promise<{ applications: number; open: number }> {
  const batchSize = options.batchSize ?? 500;
  await ReadModelMetaModel.deleteOne({ _id: META_ID });
  await Promise.all(READ_MODELS.map((model) => model.collection.deleteMany({})));
  const out: Rebuilt = { rows: [], allRows: [], entries: [], lookups: new Map(), months: new Map(), days: new Map() };
  for await (const app of ApplicationModel.find({}).lean<ApplicationDoc[]>().cursor({ batchSize: 1000 })) addApplication(app, out);
  await insertInBatches(QueueItemModel.collection, out.rows, batchSize);
  // The rows in the applications' stored order: the export reads them unsorted.
  await insertInBatches(ApplicationRowModel.collection, out.allRows, batchSize);
  await insertInBatches(StatsEntryModel.collection, out.entries, batchSize);
  await insertInBatches(
    LookupModel.collection,
    [...out.lookups].map(([_id, applicationIds]) => ({ _id, applicationIds })),
    batchSize,
  );
  for (const [model, map] of [
    [StatsMonthModel, out.months],
    [StatsDayModel, out.days],
  ] as const) {
    await insertInBatches(
      model.collection,
      [...map].map(([_id, c]) => ({ _id, c })),
      batchSize,
    );
  }
  await bumpQueueHead();
  await ReadModelMetaModel.replaceOne(
    { _id: META_ID },
    { _id: META_ID, schema: READ_MODEL_SCHEMA, rebuiltAt: new Date() },
    { upsert: true },
  );
  return { applications: out.allRows.length, open: out.rows.length };
}

/**
 * The start-up check. Rebuilds when the marker is missing or of another
 * schema, or when the counts disagree (every application has one counter
 * entry and a number lookup); otherwise brings the applications changed
 * since `since` up to date (a crash between writing an application and its
 * read models), and rebuilds if one of them cannot be.
 */
export async function ensureReadModels(since: Date): Promise<'rebuilt' | 'current'> {
  const [meta, applications, entries, lookups] = await Promise.all([
    ReadModelMetaModel.findById(META_ID).lean<{ schema: number } | null>(),
    ApplicationModel.estimatedDocumentCount(),
    StatsEntryModel.estimatedDocumentCount(),
    LookupModel.estimatedDocumentCount(),
  ]);
  const missing = !meta || meta.schema !== READ_MODEL_SCHEMA || entries !== applications || (applications > 0 && lookups === 0);
  if (missing) {
    await rebuildReadModels();
    return 'rebuilt';
  }
  const changed = new Set<string>();
  for await (const rev of RevisionModel.find({ at: { $gte: since } }, { applicationId: 1 })
    .lean<{ applicationId: Types.ObjectId }[]>()
    .cursor()) {
    changed.add(String(rev.applicationId));
  }
  for (const id of changed) {
    const app = await ApplicationModel.findById(id).lean<ApplicationDoc>();
    if (!app) continue;
    await syncReadModels(app);
    const entry = await StatsEntryModel.findById(app._id, { version: 1 }).lean<{ version: number } | null>();
    if (!entry || entry.version !== app.version) {
      await rebuildReadModels();
      return 'rebuilt';
    }
  }
  return 'current';
}

/** The ids of the applications a lookup key names (`numberKey`, `personKey`), by one read by `_id`. */
export async function lookupApplicationIds(key: string): Promise<Types.ObjectId[]> {
  const doc = await LookupModel.findById(key).lean<{ applicationIds: Types.ObjectId[] } | null>();
  return doc?.applicationIds ?? [];
}

/** A statistics bucket: a month or a day and its counters. */
export interface StatsBucket {
  _id: string;
  c: Record<string, unknown>;
}

/** Every month bucket (a few dozen documents: one per month with applications). */
export function statsMonths(): Promise<StatsBucket[]> {
  return StatsMonthModel.find({}).lean<StatsBucket[]>();
}

/** The day buckets of these days, each read by `_id`. */
export async function statsDays(days: readonly string[]): Promise<StatsBucket[]> {
  const found = await Promise.all(days.map((day) => StatsDayModel.findById(day).lean<StatsBucket | null>()));
  return found.filter((b): b is StatsBucket => b !== null);
}
