import type { Types } from 'mongoose';
import type { ApplicationStatus, CertificateStatus, NoticeKind } from '@minsheng/shared';
import { claim } from '../../db/claim';
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

/**
 * Files the revision's notice: the in-app message and the outbox entry, both
 * under the revision's id, so filing again (every applier of the revision,
 * the sweep in applications/revision.ts) finds them there and adds nothing. Returns how many it added.
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
  if (await claim(() => MessageModel.create({ ...common, status: n.status, body: n.body, createdAt: rev.at, readAt: null }))) added += 1;
  if (
    await claim(() =>
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

/** Which of these revisions' notices are filed in full: both the in-app message and the outbox entry exist. */
export async function filedNotices(revisionIds: readonly string[]): Promise<Set<string>> {
  const [messages, outbox] = await Promise.all([
    MessageModel.find({ _id: { $in: revisionIds } }, { _id: 1 }).lean<{ _id: string }[]>(),
    OutboxModel.find({ _id: { $in: revisionIds } }, { _id: 1 }).lean<{ _id: string }[]>(),
  ]);
  const haveOutbox = new Set(outbox.map((o) => o._id));
  return new Set(messages.map((m) => m._id).filter((id) => haveOutbox.has(id)));
}

/**
 * Files the in-app message about a decision on the resident's 就业创业证,
 * under the decision's id ("<certificate>:<version>"): filed twice, it is one
 * message. No subscribe message: WeChat's template names an application.
 */
export async function fileCertificateMessage(message: {
  _id: string;
  residentId: Types.ObjectId;
  certificateId: Types.ObjectId;
  number: string;
  kind: NoticeKind;
  status: CertificateStatus;
  title: string;
  body: string;
  at: Date;
}): Promise<boolean> {
  const { number, at, ...rest } = message;
  return claim(() => MessageModel.create({ ...rest, applicationNumber: number, createdAt: at, readAt: null }));
}
