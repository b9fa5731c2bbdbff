import { checkTransition, isLive, noticeFor, type Action, type Actor, type ApplicationStatus } from '@minsheng/shared';
import { isDuplicateKeyError } from '../../db/connection';
import { AppError, conflict, validationFailed } from '../../errors';
import { fileNotice, type NoticeRevision } from '../notifications/filing';
import { ApplicationModel, RevisionModel, type ApplicationDoc, type HistoryDoc, type RevisionDoc } from './model';

/** Who is acting: residents act for themselves; staff act by role. */
export interface ActorRef {
  role: Actor;
  id?: string;
  name?: string;
}

export interface TransitionRequest {
  action: Action;
  actor: ActorRef;
  version: number;
  reason?: string | undefined;
  /** Fields (dotted paths allowed) to set with the status change. */
  set?: Record<string, unknown>;
  /** Array fields to append one value to. */
  push?: Record<string, unknown>;
  /** Facts recorded in the history entry. */
  data?: Record<string, unknown>;
  now?: Date;
}

function readPath(doc: unknown, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>((value, key) => (value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined), doc);
}

interface RevisionChange extends NoticeRevision {
  changes: readonly { path?: string | null; value?: unknown }[];
  unset: readonly string[];
}

/**
 * Applies a claimed revision, then files its notice (in-app message and
 * outbox entry, under the revision's id); each step is a no-op when done
 * already. A crash between the two is repaired by the notification sweeper.
 */
export async function applyRevision(rev: RevisionChange): Promise<void> {
  const $set = Object.fromEntries(rev.changes.map((c) => [c.path ?? '', c.value]));
  const update: Record<string, unknown> = { $set };
  if (rev.unset.length > 0) update.$unset = Object.fromEntries(rev.unset.map((p) => [p, '']));
  await ApplicationModel.updateOne({ _id: rev.applicationId, version: rev.fromVersion }, update);
  await fileNotice(rev);
}

/** Applies revisions claimed since `since` that a crash left unapplied; run at start. */
export async function completePendingRevisions(since: Date): Promise<number> {
  let applied = 0;
  for await (const rev of RevisionModel.find({ at: { $gte: since } })
    .sort({ at: 1 })
    .lean<RevisionDoc[]>()
    .cursor()) {
    const res = await ApplicationModel.exists({ _id: rev.applicationId, version: rev.fromVersion });
    if (!res) continue;
    await applyRevision(rev);
    applied += 1;
  }
  return applied;
}

const num = (value: unknown) => (typeof value === 'number' ? value : undefined);

/** What the resident is told of this step, if anything; the revision carries it so every applier files the same. */
function noticeOf(app: ApplicationDoc, req: TransitionRequest): RevisionChange['notice'] {
  const data = req.data ?? {};
  const notice = noticeFor(app.kind, req.action, {
    programTitle: app.programTitle,
    number: app.number,
    reason: req.reason,
    slot: typeof data.slot === 'string' ? data.slot : undefined,
    amountFen: num(data.amountFen) ?? num(data.approvedAmountFen) ?? num(data.approvedFen),
    termMonths: num(data.termMonths),
  });
  return notice ? { residentId: app.residentId, number: app.number, programTitle: app.programTitle, ...notice } : undefined;
}

/**
 * Moves an application along its kind's state machine. The change — new
 * status, revision, the history entry and any recorded facts — is first
 * claimed under a unique id for the revision it starts from, then applied in
 * one write. Two concurrent actors can never both succeed; the loser gets
 * STALE_VERSION (after finishing the winner's change if it was left half done).
 */
export async function transition(app: ApplicationDoc, req: TransitionRequest): Promise<ApplicationDoc> {
  const check = checkTransition(app.kind, app.status, req.action, req.actor.role);
  if (!check.ok) {
    if (check.reason === 'not_allowed') throw new AppError('FORBIDDEN', '您的角色不能进行此操作');
    throw new AppError('INVALID_TRANSITION', `当前状态下不能进行此操作`);
  }
  if (app.version !== req.version) throw conflict('STALE_VERSION');
  if (check.transition.reasonRequired && !req.reason) throw validationFailed({ reason: '请填写原因' });

  const to: ApplicationStatus = check.transition.to;
  const now = req.now ?? new Date();
  const entry: HistoryDoc = {
    at: now,
    action: req.action,
    from: app.status,
    to,
    actorRole: req.actor.role,
    ...(req.actor.id ? { actorId: req.actor.id } : {}),
    ...(req.actor.name ? { actorName: req.actor.name } : {}),
    ...(req.reason ? { reason: req.reason } : {}),
    ...(req.data ? { data: req.data } : {}),
  };
  const changes: Record<string, unknown> = {
    ...(req.set ?? {}),
    status: to,
    version: app.version + 1,
    history: [...app.history, entry],
    updatedAt: now,
  };
  if (['approve', 'reject', 'waitlist'].includes(req.action)) changes.decidedAt = now;
  for (const [path, value] of Object.entries(req.push ?? {})) {
    const current = readPath(app, path);
    changes[path] = [...(Array.isArray(current) ? current : []), value];
  }
  const revision = {
    _id: `${String(app._id)}:${app.version}`,
    applicationId: app._id,
    fromVersion: app.version,
    at: now,
    changes: Object.entries(changes).map(([path, value]) => ({ path, value })),
    unset: isLive(app.kind, to) ? [] : ['liveKey'],
    notice: noticeOf(app, req),
  };

  try {
    await RevisionModel.create(revision);
  } catch (err) {
    if (!isDuplicateKeyError(err)) throw err;
    const winner = await RevisionModel.findById(revision._id).lean<RevisionDoc>();
    if (winner) await applyRevision(winner);
    throw conflict('STALE_VERSION');
  }
  await applyRevision(revision);
  const updated = await ApplicationModel.findById(app._id).lean<ApplicationDoc>();
  if (!updated) throw conflict('STALE_VERSION');
  return updated;
}
