import { Types } from 'mongoose';
import { availableActions, type QueueQuery, type StaffRole } from '@minsheng/shared';
import { notFound } from '../../errors';
import type { StaffPrincipal } from '../../http/context';
import type { PiiCipher } from '../../security/pii';
import { ApplicationModel, type ApplicationDoc } from '../applications/model';
import { AuditModel } from '../audit/model';
import { buildApplicationFilter } from './filter';

/** The queue's orders; `_id` breaks ties so pages never overlap. */
export const QUEUE_ORDERS: Record<QueueQuery['sort'], Record<string, 1 | -1>> = {
  newest: { submittedAt: -1, _id: -1 },
  oldest: { submittedAt: 1, _id: 1 },
  waiting: { updatedAt: 1, _id: 1 },
};

/** One page of the queue and the total matching the filters. */
export async function queuePage(query: QueueQuery, viewer: StaffPrincipal, pii: PiiCipher): Promise<{ docs: ApplicationDoc[]; total: number }> {
  const filter = buildApplicationFilter(query, viewer, pii);
  const [docs, total] = await Promise.all([
    ApplicationModel.find(filter)
      .sort(QUEUE_ORDERS[query.sort])
      .skip((query.page - 1) * query.pageSize)
      .limit(query.pageSize)
      .lean<ApplicationDoc[]>(),
    ApplicationModel.countDocuments(filter),
  ]);
  return { docs, total };
}

/** An application the viewer may see; another community's is "not found" for an officer. */
export async function getForStaff(id: string, viewer: StaffPrincipal): Promise<ApplicationDoc> {
  if (!Types.ObjectId.isValid(id)) throw notFound('申请不存在');
  const scope = viewer.role === 'officer' ? { community: { $in: viewer.communities } } : {};
  const doc = await ApplicationModel.findOne({ _id: id, ...scope }).lean<ApplicationDoc>();
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
  await AuditModel.create({
    at: new Date(),
    staffId: new Types.ObjectId(viewer.id),
    staffName: viewer.name,
    role: viewer.role,
    action: 'reveal_id',
    applicationId: doc._id,
    reason,
  });
  return pii.decrypt(doc.applicant.idNumberSealed);
}
