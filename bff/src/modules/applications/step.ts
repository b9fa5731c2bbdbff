import {
  checkTransition,
  hasWaitlist,
  holdsPlace,
  loanRecordSchema,
  noticeFor,
  recordStep,
  stepReadsTerms,
  subsidyRecordSchema,
  type ApplicationForm,
  type StepRecord,
  type TransitionRequestBody,
} from '@minsheng/shared';
import { AppError, conflict, forbidden, validationFailed } from '../../errors';
import { freePlace, takePlace } from '../programs/places';
import { findProgram, termsOf } from '../programs/service';
import { returnSlot } from './capacity';
import { claimForGrant, releaseCrossClaims } from './cross-claims';
import { ApplicationModel, type ApplicationDoc } from './model';
import { syncReadModels } from './read-models';
import { commitRevision, type ActorRef, type Change } from './revision';

export type { ActorRef } from './revision';

const chinaToday = (now: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(now);

const num = (value: unknown) => (typeof value === 'number' ? value : undefined);

/** What the resident is told of this step, if anything; the revision carries it so every applier files the same. */
function noticeOf(app: ApplicationDoc, change: Pick<Change, 'action' | 'reason' | 'data'>): Change['notice'] {
  const data = change.data ?? {};
  const notice = noticeFor(app.kind, change.action, {
    programTitle: app.programTitle,
    number: app.number,
    reason: change.reason,
    slot: typeof data.slot === 'string' ? data.slot : undefined,
    amountFen: num(data.amountFen) ?? num(data.approvedFen),
    termMonths: num(data.termMonths),
  });
  return notice ? { residentId: app.residentId, number: app.number, programTitle: app.programTitle, ...notice } : undefined;
}

/** A retry of a staff step that went through (its answer was lost); an approval that found the class full went through as a wait-listing. */
function isRetry(app: ApplicationDoc, request: TransitionRequestBody, actor: ActorRef): boolean {
  if (actor.role === 'resident') return false;
  const last = app.history.at(-1);
  const sameStep = last?.action === request.action || (request.action === 'approve' && last?.action === 'waitlist');
  return app.version === request.version + 1 && sameStep && last?.actorId === actor.id;
}

/** The step's own record: the table of machines/steps.ts, against the programme's terms. */
async function ruleRecord(app: ApplicationDoc, request: TransitionRequestBody, now: Date): Promise<StepRecord> {
  const program = stepReadsTerms(app.kind, request.action) ? termsOf(await findProgram(String(app.programId))) : undefined;
  const outcome = recordStep(app.kind, {
    request,
    form: app.form as ApplicationForm,
    loan: loanRecordSchema.parse(app.loan ?? {}),
    subsidy: subsidyRecordSchema.parse(app.subsidy ?? {}),
    program,
    today: chinaToday(now),
    submittedAt: app.submittedAt,
  });
  if ('fields' in outcome) throw validationFailed(outcome.fields);
  if ('conflict' in outcome) throw conflict('CONFLICT', outcome.conflict);
  return outcome.record;
}

/**
 * The one entry point for "an application takes a step", for every actor:
 * staff's transitions, the resident's withdrawal and resubmission, the
 * system's promotions. It refuses in one order, each refusal storing nothing:
 *
 *   1. FORBIDDEN (403): the actor's role may never take this step. Said first:
 *      it does not depend on the application, so it tells nothing about it.
 *   2. STALE_VERSION (409): the application changed since the actor saw it.
 *      Said before whether the step is possible, because the actor's view is
 *      what is wrong: they must look again, whatever the step.
 *   3. INVALID_TRANSITION (409): the current status has no such step.
 *   4. VALIDATION_FAILED (400): a required reason, or a field the step's rule
 *      (machines/steps.ts, or the caller's `record`) refuses; CONFLICT (409)
 *      when the rule finds the records do not allow it (a loan not repaid).
 *   5. CROSS_PROGRAMME_CONFLICT (409): an approval another of the person's
 *      applications binds under a rule across programmes (cross-claims.ts).
 *   6. NO_CAPACITY (409): no free stall (a full class wait-lists instead).
 *
 * Then the step's record, its stall or seat, the revision claim (one write,
 * with the notice), the staff side's read models (read-models/index.ts), and
 * last the places: a place the application no longer
 * holds is freed and free seats go to the wait-list, and the claims of the
 * rules across programmes it no longer holds are given back.
 */
export async function takeStep(
  app: ApplicationDoc,
  request: TransitionRequestBody,
  actor: ActorRef,
  record?: () => Promise<StepRecord>,
): Promise<ApplicationDoc> {
  if (isRetry(app, request, actor)) {
    // Finishes what the first try may have left: the read models, the places.
    await syncReadModels(app);
    await settlePlaces(app);
    await releaseCrossClaims(app);
    return app;
  }
  const check = checkTransition(app.kind, app.status, request.action, actor.role);
  if (!check.ok && check.reason === 'not_allowed') throw forbidden('您的角色不能进行此操作');
  if (app.version !== request.version) throw conflict('STALE_VERSION');
  if (!check.ok) throw new AppError('INVALID_TRANSITION');
  if (check.transition.reasonRequired && !request.reason) throw validationFailed({ reason: '请填写原因' });
  // Only the resident's own form answers a request for information.
  if (request.action === 'resubmit' && !record) throw validationFailed({ action: '补充材料请由居民在小程序中重新提交' });

  const now = new Date();
  const stepRecord = record ? await record() : await ruleRecord(app, request, now);
  let change: Change = {
    ...stepRecord,
    action: request.action,
    to: check.transition.to,
    actor,
    reason: request.reason,
    notice: undefined,
    now,
  };

  // Granting the benefit checks the rules across programmes again (cross-claims.ts).
  if (request.action === 'approve') await claimForGrant(app);
  const takesPlace = holdsPlace(app.kind, change.to) && !holdsPlace(app.kind, app.status);
  const place = takesPlace ? await takePlace(app.programId, app._id, request.action === 'approve' ? request.slotLabel : undefined) : null;
  if (takesPlace && !place) {
    const waitlist = checkTransition(app.kind, app.status, 'waitlist', 'system');
    if (request.action !== 'approve' || !waitlist.ok) throw new AppError('NO_CAPACITY', '该园区摊位已全部分配，暂无空闲摊位');
    // The park or class is full: the application waits its turn, in submission order.
    const system: ActorRef = { role: 'system', id: actor.id, name: `${actor.name ?? ''}（名额已满，转入候补）` };
    change = { ...change, action: 'waitlist', to: waitlist.transition.to, actor: system };
  }
  if (place) {
    change.set = { ...change.set, assignment: { slotId: place._id, label: place.label, at: now } };
    change.data = { ...change.data, slot: place.label };
  }
  change.notice = noticeOf(app, change);

  let after: ApplicationDoc;
  try {
    after = await commitRevision(app, change);
  } catch (err) {
    if (place) await returnSlot(app, place._id);
    throw err;
  }
  await syncReadModels(after);
  await settlePlaces(after);
  await releaseCrossClaims(after);
  return after;
}

/**
 * Gives free seats to wait-listed applications in submission order. Safe to
 * run concurrently and on several processes: each seat is won by a unique
 * insert and each application changes through a claimed revision.
 */
export async function promoteWaitlist(programId: ApplicationDoc['programId']): Promise<number> {
  let promoted = 0;
  for (let guard = 0; guard < 1000; guard += 1) {
    const next = await ApplicationModel.findOne({ programId, status: 'waitlisted' })
      .sort({ submittedAt: 1, _id: 1 })
      .lean<ApplicationDoc>();
    if (!next) return promoted;
    try {
      await takeStep(next, { action: 'promote', version: next.version }, { role: 'system' });
      promoted += 1;
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      if (err.code === 'NO_CAPACITY') return promoted;
      // Someone else moved this application first (promoted or withdrew it): look again.
    }
  }
  return promoted;
}

/**
 * After a change of status: free a place the application no longer holds and
 * give free seats to the wait-list (a promotion holds its seat, so it never
 * promotes again from inside itself). Idempotent, so a retried request can
 * run it again to finish what a crash interrupted.
 */
async function settlePlaces(app: ApplicationDoc): Promise<void> {
  if (app.kind !== 'stall' && app.kind !== 'training') return;
  if (holdsPlace(app.kind, app.status)) return;
  await freePlace(app._id);
  if (hasWaitlist(app.kind)) await promoteWaitlist(app.programId);
}
