import {
  checkTransition,
  isLive,
  type Action,
  type Actor,
  type ApplicationStatus,
} from '@minsheng/shared';
import { AppError, conflict, validationFailed } from '../../errors';
import { ApplicationModel, type ApplicationDoc, type HistoryDoc } from './model';

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
  /** Fields to set with the status change, in the same single-document write. */
  set?: Record<string, unknown>;
  /** Array fields to append to, in the same write. */
  push?: Record<string, unknown>;
  /** Facts recorded in the history entry. */
  data?: Record<string, unknown>;
  now?: Date;
}

/**
 * Moves an application along its kind's state machine with one conditional
 * write: the status and revision it was read at must still hold, so two
 * concurrent actors cannot both succeed, and the history entry is written
 * with the change it describes.
 */
export async function transition(app: ApplicationDoc, req: TransitionRequest): Promise<ApplicationDoc> {
  const check = checkTransition(app.kind, app.status, req.action, req.actor.role);
  if (!check.ok) {
    if (check.reason === 'not_allowed') throw new AppError('FORBIDDEN', '您的角色不能进行此操作');
    throw new AppError('INVALID_TRANSITION', `当前状态（${app.status}）下不能进行此操作`);
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
  const decision = ['approve', 'reject', 'waitlist'].includes(req.action) ? { decidedAt: now } : {};
  const update: Record<string, unknown> = {
    $set: { status: to, ...decision, ...(req.set ?? {}) },
    $inc: { version: 1 },
    $push: { history: entry, ...(req.push ?? {}) },
  };
  if (!isLive(app.kind, to)) update.$unset = { liveKey: '' };

  const updated = await ApplicationModel.findOneAndUpdate({ _id: app._id, version: app.version, status: app.status }, update, {
    returnDocument: 'after',
  }).lean<ApplicationDoc>();
  if (!updated) throw conflict('STALE_VERSION');
  return updated;
}

