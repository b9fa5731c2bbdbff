import { Types } from 'mongoose';
import {
  messageCursor,
  type KeysetCursor,
  type MarkMessagesReadRequest,
  type MessageListResponse,
  type SubscriptionsResponse,
} from '@minsheng/shared';
import { claim } from '../../db/claim';
import { idForKey } from '../../db/derived-id';
import { validationFailed } from '../../errors';
import { GrantUseModel, MessageModel, SubscriptionGrantModel, type MessageDoc } from './model';
import { presentMessage } from './presenter';

const unreadOf = (residentId: Types.ObjectId) => MessageModel.countDocuments({ residentId, readAt: null });

/** The resident's messages, newest first, a page at a time, with the unread count. */
export async function listMessages(
  residentId: string,
  query: { cursor?: KeysetCursor<'newest'> | undefined; limit: number },
): Promise<MessageListResponse> {
  const owner = new Types.ObjectId(residentId);
  // Keyset paging by (time, id): a page never repeats or skips a message filed meanwhile.
  const after = query.cursor ?? null;
  const filter = after
    ? { residentId: owner, $or: [{ createdAt: { $lt: after.at } }, { createdAt: after.at, _id: { $lt: after.id } }] }
    : { residentId: owner };
  const docs = await MessageModel.find(filter)
    .sort({ createdAt: -1, _id: -1 })
    .limit(query.limit + 1)
    .lean<MessageDoc[]>();
  const page = docs.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map(presentMessage),
    unread: await unreadOf(owner),
    nextCursor: docs.length > query.limit && last ? messageCursor.encode({ sort: 'newest', at: last.createdAt, id: last._id }) : null,
  };
}

/** Marks the resident's own messages read (the given ones, or all); others' ids match nothing. */
export async function markRead(
  residentId: string,
  body: MarkMessagesReadRequest,
  now: Date = new Date(),
): Promise<{ marked: number; unread: number }> {
  const owner = new Types.ObjectId(residentId);
  const which = 'ids' in body ? { _id: { $in: body.ids } } : {};
  const res = await MessageModel.updateMany({ residentId: owner, readAt: null, ...which }, { $set: { readAt: now } });
  return { marked: res.modifiedCount, unread: await unreadOf(owner) };
}

/** Unused grants per template id. */
async function available(owner: Types.ObjectId, templateIds: readonly string[]): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const templateId of templateIds) {
    const [granted, used] = await Promise.all([
      SubscriptionGrantModel.countDocuments({ residentId: owner, templateId }),
      GrantUseModel.countDocuments({ residentId: owner, templateId }),
    ]);
    out[templateId] = Math.max(0, granted - used);
  }
  return out;
}

export async function subscriptionsOf(residentId: string, templateIds: readonly string[]): Promise<SubscriptionsResponse> {
  return { templateIds: [...templateIds], available: await available(new Types.ObjectId(residentId), templateIds) };
}

/** Records one grant per accepted template id; ids the BFF does not send with are refused. */
/**
 * Records one grant per accepted template. With the request's Idempotency-Key
 * each grant's `_id` comes from the key, so a resent request (the phone
 * retries after a lost answer) records nothing more: WeChat allowed one
 * message per acceptance, not per request.
 */
export async function recordGrants(
  residentId: string,
  accepted: readonly string[],
  templateIds: readonly string[],
  options: { idempotencyKey?: string | undefined; now?: Date } = {},
): Promise<SubscriptionsResponse> {
  const unknown = accepted.filter((id) => !templateIds.includes(id));
  if (unknown.length > 0) throw validationFailed({ accepted: '包含未知的消息模板' });
  const owner = new Types.ObjectId(residentId);
  const grantedAt = options.now ?? new Date();
  for (const templateId of new Set(accepted)) {
    const _id = options.idempotencyKey ? idForKey(`grant:${residentId}:${options.idempotencyKey}:${templateId}`) : new Types.ObjectId();
    await claim(() => SubscriptionGrantModel.create({ _id, residentId: owner, templateId, grantedAt }));
  }
  return subscriptionsOf(residentId, templateIds);
}

/**
 * Spends one grant of the resident's on the outbox entry: the grant already
 * spent on it (a takeover of an interrupted send), or the oldest unspent one,
 * won by a unique insert. Null when none is left.
 */
export async function spendGrant(residentId: Types.ObjectId, templateId: string, outboxId: string): Promise<Types.ObjectId | null> {
  const spent = await GrantUseModel.findOne({ outboxId }, { _id: 1 }).lean();
  if (spent) return spent._id;
  const grants = await SubscriptionGrantModel.find({ residentId, templateId }, { _id: 1 }).sort({ grantedAt: 1, _id: 1 }).lean();
  if (grants.length === 0) return null;
  const used = new Set((await GrantUseModel.find({ _id: { $in: grants.map((g) => g._id) } }, { _id: 1 }).lean()).map((u) => String(u._id)));
  for (const grant of grants) {
    if (used.has(String(grant._id))) continue;
    if (await claim(() => GrantUseModel.create({ _id: grant._id, outboxId, residentId, templateId, at: new Date() }))) return grant._id;
    // Either another message took this grant, or another holder of this entry spent one meanwhile.
    const mine = await GrantUseModel.findOne({ outboxId }, { _id: 1 }).lean();
    if (mine) return mine._id;
  }
  return null;
}

/** Gives back a grant spent on a message WeChat never delivered. */
export async function returnGrant(grantId: Types.ObjectId, outboxId: string): Promise<void> {
  await GrantUseModel.deleteOne({ _id: grantId, outboxId });
}
