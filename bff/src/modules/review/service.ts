import { Types } from 'mongoose';
import sift from 'sift';
import {
  availableActions,
  encodeQueueCursor,
  isFinalSomewhere,
  type ApplicationStatus,
  type QueueCursor,
  type QueueQuery,
  type QueueSort,
  type StaffRole,
} from '@minsheng/shared';
import { notFound } from '../../errors';
import type { StaffPrincipal } from '../../http/context';
import type { PiiCipher } from '../../security/pii';
import type { ApplicationDoc } from '../applications/model';
import {
  countQueueRows,
  countQueueRowsByStatus,
  findQueueRows,
  lookupApplicationIds,
  numberKey,
  personKey,
  queueRowOf,
  type QueueItemDoc,
} from '../applications/read-models';
import { countApplications, findApplications, findApplicationWhere } from '../applications/service';
import { audit } from '../audit/service';
import { buildApplicationFilter, searchLookup } from './filter';

/** Each order of the queue: its sort key and direction; `_id` breaks ties so pages never overlap. */
const SORT_KEYS: Record<QueueSort, { field: 'submittedAt' | 'updatedAt'; direction: 1 | -1 }> = {
  newest: { field: 'submittedAt', direction: -1 },
  oldest: { field: 'submittedAt', direction: 1 },
  waiting: { field: 'updatedAt', direction: 1 },
};

/** The sort document of one of the queue's orders. */
export function queueOrder(sort: QueueSort): Record<string, 1 | -1> {
  const { field, direction } = SORT_KEYS[sort];
  return { [field]: direction, _id: direction };
}

/**
 * The rows after the cursor in its order, as a range on (sort key, _id): an
 * index walk that starts where the previous page ended, where `skip` would
 * walk every row before it.
 */
export function afterCursor(cursor: QueueCursor): Record<string, unknown> {
  const { field, direction } = SORT_KEYS[cursor.sort];
  const op = direction === 1 ? '$gt' : '$lt';
  return { $or: [{ [field]: { [op]: cursor.at } }, { [field]: cursor.at, _id: { [op]: new Types.ObjectId(cursor.id) } }] };
}

/** The filter narrowed to the rows after the cursor, if any. */
export function withCursor(filter: Record<string, unknown>, after: QueueCursor | undefined): Record<string, unknown> {
  if (!after) return filter;
  return Object.keys(filter).length === 0 ? afterCursor(after) : { $and: [filter, afterCursor(after)] };
}

interface QueuePage {
  docs: QueueItemDoc[];
  total: number;
  next: string | null;
  /** Open applications per status under the other filters; null for a lookup search. */
  statusCounts: Partial<Record<ApplicationStatus, number>> | null;
}

function pageOf(query: QueueQuery, rows: QueueItemDoc[], total: number): QueuePage {
  const docs = rows.slice(0, query.pageSize);
  const last = docs.at(-1);
  const { field } = SORT_KEYS[query.sort];
  const next = rows.length > query.pageSize && last ? encodeQueueCursor({ sort: query.sort, at: last[field], id: String(last._id) }) : null;
  return { docs, total, next, statusCounts: null };
}

/** A page read from a collection by the filter, the order and the cursor (or `page` by skipping). */
async function pageFrom(
  query: QueueQuery,
  filter: Record<string, unknown>,
  find: (filter: Record<string, unknown>, page: { sort: Record<string, 1 | -1>; skip: number; limit: number }) => Promise<QueueItemDoc[]>,
  count: (filter: Record<string, unknown>) => Promise<number>,
): Promise<QueuePage> {
  const [rows, total] = await Promise.all([
    find(withCursor(filter, query.after), {
      sort: queueOrder(query.sort),
      skip: query.after ? 0 : (query.page - 1) * query.pageSize,
      // One row more than the page tells whether another page follows.
      limit: query.pageSize + 1,
    }),
    count(filter),
  ]);
  return pageOf(query, rows, total);
}

/** The few applications a lookup names, read by `_id`, matched against the whole filter and paged here. */
async function pageOfLookup(query: QueueQuery, filter: Record<string, unknown>, ids: readonly Types.ObjectId[], viewer: StaffPrincipal) {
  const apps = await Promise.all(ids.map((id) => findApplicationWhere(String(id), (app) => viewer.scope.includes(app.community))));
  const matches = sift(filter);
  const { field, direction } = SORT_KEYS[query.sort];
  const key = (row: QueueItemDoc) => [row[field].getTime(), String(row._id)] as const;
  const compare = (a: QueueItemDoc, b: QueueItemDoc) => {
    const [at, id] = key(a);
    const [bt, bid] = key(b);
    return direction * (at - bt || (id < bid ? -1 : id > bid ? 1 : 0));
  };
  const rows = apps
    .filter((app): app is ApplicationDoc => app !== null && matches(app))
    .map(queueRowOf)
    .sort(compare);
  const after = query.after;
  const start = after
    ? rows.filter((row) => {
        const [at, id] = key(row);
        const [ct, cid] = [after.at.getTime(), after.id];
        return direction * (at - ct || (id < cid ? -1 : id > cid ? 1 : 0)) > 0;
      })
    : rows.slice((query.page - 1) * query.pageSize);
  return pageOf(query, start.slice(0, query.pageSize + 1), rows.length);
}

/**
 * One page of the queue, the total matching the filters, and the cursor of
 * the following page (null on the last). With `after` the page starts at the
 * cursor; without it, at `page` by skipping. Three sources, by the search:
 *
 * - an application number or a full ID number: the lookup documents, read by
 *   `_id`, name the applications (open or closed), each read by `_id`;
 * - a status in which an application can rest with nothing left to do
 *   (rejected, withdrawn, settled, paid…): the applications themselves, the
 *   explicitly slower path (on the embedded engine a scan of all of them);
 * - everything else, the default view included: the queue of open
 *   applications (read-models), a small collection.
 */
export async function queuePage(query: QueueQuery, viewer: StaffPrincipal, pii: PiiCipher): Promise<QueuePage> {
  const filter = buildApplicationFilter(query, viewer, pii);
  const lookup = searchLookup(query.q, pii);
  if (lookup) {
    const key = 'number' in lookup ? numberKey(lookup.number) : personKey(lookup.idNumberHash);
    return pageOfLookup(query, filter, await lookupApplicationIds(key), viewer);
  }
  // The chips' counts: the open queue under every filter but the status, read like the default view.
  const statusCounts = countQueueRowsByStatus(buildApplicationFilter({ ...query, status: undefined }, viewer, pii));
  const page =
    query.status && isFinalSomewhere(query.status)
      ? pageFrom(query, filter, async (f, p) => (await findApplications(f, p)).map(queueRowOf), countApplications)
      : pageFrom(query, filter, findQueueRows, countQueueRows);
  const [answer, counts] = await Promise.all([page, statusCounts]);
  return { ...answer, statusCounts: counts };
}

/** An application the viewer may see; another community's is "not found" for an officer. */
export async function getForStaff(id: string, viewer: StaffPrincipal): Promise<ApplicationDoc> {
  const doc = await findApplicationWhere(id, (app) => viewer.scope.includes(app.community));
  if (!doc) throw notFound('申请不存在');
  return doc;
}

/** The viewer's possible actions on an application. */
export function actionsFor(doc: ApplicationDoc, role: StaffRole) {
  return availableActions(doc.kind, doc.status, role);
}

/**
 * The unmasked ID number. The audit entry is written first: if it cannot be
 * written, nothing is revealed.
 */
export async function revealIdNumber(doc: ApplicationDoc, viewer: StaffPrincipal, reason: string, pii: PiiCipher): Promise<string> {
  await audit(viewer, { action: 'reveal_id', applicationId: doc._id, reason });
  return pii.decrypt(doc.applicant.idNumberSealed);
}

/** The unmasked mobile, to phone the applicant; audited first, as the ID number. */
export async function revealMobile(doc: ApplicationDoc, viewer: StaffPrincipal, reason: string, pii: PiiCipher): Promise<string> {
  await audit(viewer, { action: 'reveal_mobile', applicationId: doc._id, reason });
  return pii.decrypt(doc.applicant.mobileSealed);
}
