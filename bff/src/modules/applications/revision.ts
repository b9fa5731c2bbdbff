import { isLive, type Action, type Actor, type ApplicationStatus, type StepRecord } from '@minsheng/shared';
import { claimOr } from '../../db/claim';
import { conflict } from '../../errors';
import { fileNotice, filedNotices, type NoticeRevision } from '../notifications/filing';
import { ApplicationModel, RevisionModel, type ApplicationDoc, type HistoryDoc, type RevisionDoc } from './model';

/**
 * The revision log: each change of an application is first claimed under a
 * unique id for the revision it starts from, then applied in one write, then
 * its notice is filed. Called only by the step entry point (step.ts), which
 * has checked the step.
 */

/** Who is acting: residents act for themselves; staff act by role; the system moves the wait-list. */
export interface ActorRef {
  role: Actor;
  id?: string;
  name?: string;
}

interface RevisionChange extends NoticeRevision {
  changes: readonly { path?: string | null; value?: unknown }[];
  unset: readonly string[];
}

/** One checked step, ready to claim. */
export interface Change extends StepRecord {
  action: Action;
  to: ApplicationStatus;
  actor: ActorRef;
  reason?: string | undefined;
  notice: NoticeRevision['notice'];
  now: Date;
}

function readPath(doc: unknown, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>((value, key) => (value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined), doc);
}

/**
 * Applies a claimed revision, then files its notice (in-app message and
 * outbox entry, under the revision's id); each step is a no-op when done
 * already. A crash between the two is repaired by `sweepNotices`.
 */
async function applyRevision(rev: RevisionChange): Promise<void> {
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

/**
 * Files the notices of applied revisions since `since` that a crash between
 * applying and filing left without message or outbox entry. A revision not
 * applied yet is left to whoever applies it (the next actor, or the start).
 * Run by the notification worker's sweep.
 */
export async function sweepNotices(since: Date): Promise<number> {
  const revisions = await RevisionModel.find(
    { at: { $gte: since }, notice: { $exists: true } },
    { _id: 1, applicationId: 1, fromVersion: 1, at: 1, notice: 1 },
  ).lean<NoticeRevision[]>();
  if (revisions.length === 0) return 0;
  const filed = await filedNotices(revisions.map((r) => r._id));
  const missing = revisions.filter((r) => !filed.has(r._id));
  if (missing.length === 0) return 0;
  const apps = await ApplicationModel.find({ _id: { $in: missing.map((r) => r.applicationId) } }, { version: 1 }).lean<
    Pick<ApplicationDoc, '_id' | 'version'>[]
  >();
  const versionOf = new Map(apps.map((a) => [String(a._id), a.version]));
  let added = 0;
  for (const rev of missing) {
    if ((versionOf.get(String(rev.applicationId)) ?? 0) <= rev.fromVersion) continue;
    added += await fileNotice(rev);
  }
  return added;
}

/**
 * Claims and applies a checked step: new status, revision, the history
 * entry and the step's record. Two concurrent actors can never both
 * succeed; the loser gets STALE_VERSION (after finishing the winner's change
 * if it was left half done).
 */
export async function commitRevision(app: ApplicationDoc, change: Change): Promise<ApplicationDoc> {
  const { now } = change;
  const entry: HistoryDoc = {
    at: now,
    action: change.action,
    from: app.status,
    to: change.to,
    actorRole: change.actor.role,
    ...(change.actor.id ? { actorId: change.actor.id } : {}),
    ...(change.actor.name ? { actorName: change.actor.name } : {}),
    ...(change.reason ? { reason: change.reason } : {}),
    ...(change.data ? { data: change.data } : {}),
  };
  const changes: Record<string, unknown> = {
    ...(change.set ?? {}),
    status: change.to,
    version: app.version + 1,
    history: [...app.history, entry],
    updatedAt: now,
  };
  if (['approve', 'reject', 'waitlist'].includes(change.action)) changes.decidedAt = now;
  for (const [path, value] of Object.entries(change.push ?? {})) {
    const current = readPath(app, path);
    changes[path] = [...(Array.isArray(current) ? current : []), value];
  }
  const revision = {
    _id: `${String(app._id)}:${app.version}`,
    applicationId: app._id,
    fromVersion: app.version,
    at: now,
    changes: Object.entries(changes).map(([path, value]) => ({ path, value })),
    unset: isLive(app.kind, change.to) ? [] : ['liveKey'],
    notice: change.notice,
  };

  const won = await claimOr(
    async () => Boolean(await RevisionModel.create(revision)),
    async () => {
      const winner = await RevisionModel.findById(revision._id).lean<RevisionDoc>();
      if (winner) await applyRevision(winner);
      return false;
    },
  );
  if (!won) throw conflict('STALE_VERSION');
  await applyRevision(revision);
  const updated = await ApplicationModel.findById(app._id).lean<ApplicationDoc>();
  if (!updated) throw conflict('STALE_VERSION');
  return updated;
}
