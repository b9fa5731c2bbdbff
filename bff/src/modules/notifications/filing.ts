import type { Types } from 'mongoose';
import type { ApplicationStatus, NoticeKind } from '@minsheng/shared';
import { isDuplicateKeyError } from '../../db/connection';
import { ApplicationModel, RevisionModel } from '../applications/model';
import { MessageModel, OutboxModel } from './model';

/** The part of an application revision a notice is filed from. */
export interface NoticeRevision {
  _id: string;
  applicationId: Types.ObjectId;
  fromVersion: number;
  at: Date;
  notice?: {
    residentId: Types.ObjectId;
    kind: NoticeKind;
    status: ApplicationStatus;
    title: string;
    body: string;
    number: string;
    programTitle: string;
  } | null;
}

async function insertOnce(insert: () => Promise<unknown>): Promise<boolean> {
  try {
    await insert();
    return true;
  } catch (err) {
    if (isDuplicateKeyError(err)) return false;
    throw err;
  }
}

/**
 * Files the revision's notice: the in-app message and the outbox entry, both
 * under the revision's id, so filing again (every applier of the revision,
 * the sweeper) finds them there and adds nothing. Returns how many it added.
 */
export async function fileNotice(rev: NoticeRevision): Promise<number> {
  const n = rev.notice;
  if (!n) return 0;
  const common = {
    _id: rev._id,
    residentId: n.residentId,
    applicationId: rev.applicationId,
    applicationNumber: n.number,
    kind: n.kind,
    title: n.title,
  };
  let added = 0;
  if (await insertOnce(() => MessageModel.create({ ...common, status: n.status, body: n.body, createdAt: rev.at, readAt: null })))
    added += 1;
  if (
    await insertOnce(() =>
      OutboxModel.create({
        ...common,
        programTitle: n.programTitle,
        applicationStatus: n.status,
        status: 'pending',
        generation: 0,
        attempts: 0,
        nextAttemptAt: rev.at,
        createdAt: rev.at,
      }),
    )
  ) {
    added += 1;
  }
  return added;
}

/**
 * Files the notices of applied revisions since `since` that a crash between
 * applying and filing left without message or outbox entry. A revision not
 * applied yet is left to whoever applies it (the next actor, or the start).
 */
export async function sweepNotices(since: Date): Promise<number> {
  const revisions = await RevisionModel.find(
    { at: { $gte: since }, notice: { $exists: true } },
    { _id: 1, applicationId: 1, fromVersion: 1, at: 1, notice: 1 },
  ).lean<NoticeRevision[]>();
  if (revisions.length === 0) return 0;
  const ids = revisions.map((r) => r._id);
  const [messages, outbox] = await Promise.all([
    MessageModel.find({ _id: { $in: ids } }, { _id: 1 }).lean<{ _id: string }[]>(),
    OutboxModel.find({ _id: { $in: ids } }, { _id: 1 }).lean<{ _id: string }[]>(),
  ]);
  const haveMessage = new Set(messages.map((m) => m._id));
  const haveOutbox = new Set(outbox.map((o) => o._id));
  const missing = revisions.filter((r) => !haveMessage.has(r._id) || !haveOutbox.has(r._id));
  if (missing.length === 0) return 0;
  const apps = await ApplicationModel.find({ _id: { $in: missing.map((r) => r.applicationId) } }, { version: 1 }).lean<
    { _id: Types.ObjectId; version: number }[]
  >();
  const versionOf = new Map(apps.map((a) => [String(a._id), a.version]));
  let added = 0;
  for (const rev of missing) {
    if ((versionOf.get(String(rev.applicationId)) ?? 0) <= rev.fromVersion) continue;
    added += await fileNotice(rev);
  }
  return added;
}
