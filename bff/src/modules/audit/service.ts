import { Types } from 'mongoose';
import {
  AUDIT_ACTION_LABELS,
  auditCursor,
  chinaDayEnd,
  chinaDayStart,
  type AuditAction,
  type AuditEntry as PublicAuditEntry,
  type AuditPage,
  type auditQuerySchema,
} from '@minsheng/shared';
import type { z } from 'zod';
import type { StaffPrincipal } from '../../http/context';
import { AuditModel, type AuditDoc } from './model';

export interface AuditEntry {
  action: AuditAction;
  /** Why, as the staff member gave it, or what was done when the action has no stated reason; never an ID or mobile number. */
  reason: string;
  applicationId?: Types.ObjectId;
  programId?: Types.ObjectId;
  certificateId?: Types.ObjectId;
  residentId?: Types.ObjectId;
  materialId?: Types.ObjectId;
  accountId?: Types.ObjectId;
  filters?: Record<string, unknown>;
}

/** Appends who did what, now. */
export async function audit(viewer: StaffPrincipal, entry: AuditEntry): Promise<void> {
  await AuditModel.create({ at: new Date(), staffId: new Types.ObjectId(viewer.id), staffName: viewer.name, role: viewer.role, ...entry });
}

const CONCERNS = ['applicationId', 'programId', 'certificateId', 'residentId', 'materialId', 'accountId'] as const;

function presentEntry(doc: AuditDoc): PublicAuditEntry {
  const concerns: Partial<Record<(typeof CONCERNS)[number], string>> = {};
  for (const key of CONCERNS) if (doc[key]) concerns[key] = String(doc[key]);
  return {
    id: String(doc._id),
    at: doc.at.toISOString(),
    staffId: String(doc.staffId),
    staffName: doc.staffName,
    role: doc.role as PublicAuditEntry['role'],
    action: doc.action,
    actionLabel: AUDIT_ACTION_LABELS[doc.action],
    reason: doc.reason,
    ...concerns,
    ...(doc.filters ? { filters: doc.filters as Record<string, unknown> } : {}),
  };
}

/**
 * One page of the log, newest first, by a range on (at, _id) after the
 * cursor: an index walk of at most pageSize + 1 entries (model.ts declares
 * one index for each filter the query leads with), never a count or a skip,
 * so that a long log costs the same per page on every engine.
 */
export async function listAudit(query: z.output<typeof auditQuerySchema>): Promise<AuditPage> {
  const filter: Record<string, unknown> = {};
  if (query.staffId) filter.staffId = new Types.ObjectId(query.staffId);
  if (query.action) filter.action = query.action;
  if (query.from || query.to) {
    filter.at = {
      ...(query.from ? { $gte: chinaDayStart(query.from) } : {}),
      ...(query.to ? { $lt: chinaDayEnd(query.to) } : {}),
    };
  }
  const after = query.after;
  const where = after
    ? {
        $and: [filter, { $or: [{ at: { $lt: after.at } }, { at: after.at, _id: { $lt: new Types.ObjectId(after.id) } }] }],
      }
    : filter;
  const docs = await AuditModel.find(where)
    .sort({ at: -1, _id: -1 })
    .limit(query.pageSize + 1)
    .lean<AuditDoc[]>();
  const page = docs.slice(0, query.pageSize);
  const last = page.at(-1);
  return {
    items: page.map(presentEntry),
    next: docs.length > query.pageSize && last ? auditCursor.encode({ sort: 'newest', at: last.at, id: String(last._id) }) : null,
  };
}
