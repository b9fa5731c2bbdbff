import { Types } from 'mongoose';
import { availableActions, encodeQueueCursor, type QueueCursor, type QueueQuery, type QueueSort, type StaffRole } from '@minsheng/shared';
import { notFound } from '../../errors';
import type { StaffPrincipal } from '../../http/context';
import type { PiiCipher } from '../../security/pii';
import type { ApplicationDoc } from '../applications/model';
import { countApplications, findApplications, findApplicationWhere } from '../applications/service';
import { audit } from '../audit/service';
import { buildApplicationFilter } from './filter';

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

/**
 * One page of the queue, the total matching the filters, and the cursor of
 * the following page (null on the last). With `after` the page starts at the
 * cursor; without it, at `page` by skipping.
 */
export async function queuePage(
  query: QueueQuery,
  viewer: StaffPrincipal,
  pii: PiiCipher,
): Promise<{ docs: ApplicationDoc[]; total: number; next: string | null }> {
  const filter = buildApplicationFilter(query, viewer, pii);
  const [rows, total] = await Promise.all([
    findApplications(withCursor(filter, query.after), {
      sort: queueOrder(query.sort),
      skip: query.after ? 0 : (query.page - 1) * query.pageSize,
      // One row more than the page tells whether another page follows.
      limit: query.pageSize + 1,
    }),
    countApplications(filter),
  ]);
  const docs = rows.slice(0, query.pageSize);
  const last = docs.at(-1);
  const { field } = SORT_KEYS[query.sort];
  const next = rows.length > query.pageSize && last ? encodeQueueCursor({ sort: query.sort, at: last[field], id: String(last._id) }) : null;
  return { docs, total, next };
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
