import type { ProgramKind } from '../schemas/common';
import { loanMachine } from './loan';
import { stallMachine } from './stall';
import { subsidyMachine } from './subsidy';
import { trainingMachine } from './training';
import type { Action, Actor, ApplicationStatus, Machine, Transition } from './types';

export * from './types';
export * from './steps';
export * from './bounds';

export const MACHINES: Record<ProgramKind, Machine> = {
  stall: stallMachine,
  loan: loanMachine,
  training: trainingMachine,
  subsidy: subsidyMachine,
};

export type TransitionCheck =
  { ok: true; transition: Transition } | { ok: false; reason: 'unknown_action' | 'wrong_status' | 'not_allowed' };

/** Whether `actor` may take `action` on an application of `kind` in `status`. */
export function checkTransition(kind: ProgramKind, status: ApplicationStatus, action: Action, actor: Actor): TransitionCheck {
  const candidates = MACHINES[kind].transitions.filter((t) => t.action === action);
  if (candidates.length === 0) return { ok: false, reason: 'unknown_action' };
  // A role that may never take this step is refused as such, whatever the status.
  const forActor = candidates.filter((t) => t.by.includes(actor));
  if (forActor.length === 0) return { ok: false, reason: 'not_allowed' };
  const fromHere = forActor.find((t) => t.from.includes(status));
  if (!fromHere) return { ok: false, reason: 'wrong_status' };
  return { ok: true, transition: fromHere };
}

/** The actions `actor` can take now, for showing buttons. */
export function availableActions(kind: ProgramKind, status: ApplicationStatus, actor: Actor): Action[] {
  return MACHINES[kind].transitions.filter((t) => t.from.includes(status) && t.by.includes(actor)).map((t) => t.action);
}

/** True while the application blocks another one for the same programme. */
export function isLive(kind: ProgramKind, status: ApplicationStatus): boolean {
  return !MACHINES[kind].closed.includes(status);
}

/**
 * True while the application has a step left to take: the staff queue's
 * "open" (a paid subsidy is still live for its quarter, but nothing is left to do).
 */
export function isOpen(kind: ProgramKind, status: ApplicationStatus): boolean {
  return MACHINES[kind].transitions.some((t) => t.from.includes(status));
}

/** True when an application of some kind can rest in `status` with no step left (the queue lists those only on request). */
export function isFinalSomewhere(status: ApplicationStatus): boolean {
  return (Object.keys(MACHINES) as ProgramKind[]).some((kind) => statusesOf(kind).includes(status) && !isOpen(kind, status));
}

/** Every status a kind's applications can be in. */
export function statusesOf(kind: ProgramKind): ApplicationStatus[] {
  const seen = new Set<ApplicationStatus>(['submitted']);
  for (const t of MACHINES[kind].transitions) {
    t.from.forEach((s) => seen.add(s));
    seen.add(t.to);
  }
  return [...seen];
}

/** True when a full programme of `kind` wait-lists an approval (parks and classes) instead of refusing it. */
export function hasWaitlist(kind: ProgramKind): boolean {
  return MACHINES[kind].transitions.some((t) => t.action === 'waitlist');
}

/** True while an application of `kind` in `status` holds a stall or seat. */
export function holdsPlace(kind: ProgramKind, status: ApplicationStatus): boolean {
  return MACHINES[kind].holding.includes(status);
}
