// A resident's application and the staff steps taken on it, over HTTP, for
// the review, transition, concurrency and notification tests.
import { chinaDateAdd, type ApplicationForm, type ProfileInput, type ProgramKind, type transitionRequestSchema } from '@minsheng/shared';
import type supertest from 'supertest';
import type { z } from 'zod';
import { rawCollection } from './app';
import { backdating } from './backdate';
import { ok, postApplication, type Actor, type Resident } from './client';
import { DECLARED, FORMS } from './factories';
import type { TestKit } from './kit';

export interface Submitted {
  id: string;
  number: string;
  version: number;
  submittedAt: string;
  /** The applicant. */
  resident: Resident;
  profile: ProfileInput;
}

/**
 * A fresh resident (with `profile` overrides) submits the standard form of
 * `kind` to a programme that asks for no materials; fails the test unless the
 * application is created.
 */
export async function submitFresh(
  kit: TestKit,
  programId: string,
  kind: ProgramKind,
  options: { profile?: Partial<ProfileInput> } = {},
): Promise<Submitted> {
  const resident = await kit.resident({ profile: options.profile ?? {} });
  const body = await ok<{ id: string; number: string; version: number; submittedAt: string }>(
    postApplication(resident, { programId, form: FORMS[kind], materialIds: [] }),
  );
  return { id: body.id, number: body.number, version: body.version, submittedAt: body.submittedAt, resident, profile: resident.profile };
}

export type TransitionBody = z.input<typeof transitionRequestSchema>;

/** POST /api/admin/applications/:id/transitions as `staff`; the answer is not checked. */
export function act(staff: Actor, applicationId: string, body: TransitionBody): supertest.Test {
  return staff.post(`/api/admin/applications/${applicationId}/transitions`).send(body);
}

/** The application as staff see it. */
export type StaffView = { status: string; version: number; assignment: { label: string } | null; history: unknown[] } & Record<
  string,
  unknown
>;

/** Takes the step and fails the test unless it succeeds; answers the application after it. */
export function step(staff: Actor, applicationId: string, body: TransitionBody): Promise<StaffView> {
  return ok<StaffView>(act(staff, applicationId, body));
}

/** The application as `staff` see it; fails the test unless they may. */
export function staffView(staff: Actor, applicationId: string): Promise<StaffView> {
  return ok<StaffView>(staff.get(`/api/admin/applications/${applicationId}`));
}

/** A staff step without its version: `takeSteps` sends each at the version the step before answered. */
export type StepBody = TransitionBody extends infer B ? (B extends unknown ? Omit<B, 'version'> : never) : never;

/**
 * Takes the steps one after another, the first at `version`, each by its
 * staff member at the version the step before answered; fails the test
 * unless every step succeeds, and answers the application after the last.
 */
export async function takeSteps(
  applicationId: string,
  version: number,
  steps: readonly (readonly [Actor, StepBody])[],
): Promise<StaffView> {
  let view: StaffView | null = null;
  for (const [staff, body] of steps)
    view = await step(staff, applicationId, { ...body, version: view?.version ?? version } as TransitionBody);
  if (!view) throw new Error('takeSteps was given no step');
  return view;
}

/** The applicant resubmits `form`, with no materials, at `version` (after a request for information); fails the test unless it succeeds. */
export function resubmit(
  app: Pick<Submitted, 'id' | 'resident'>,
  version: number,
  form: ApplicationForm,
): Promise<Record<string, unknown>> {
  return ok(app.resident.post(`/api/applications/${app.id}/resubmit`).send({ version, form, materialIds: [], ...DECLARED }));
}

/** The staff who take a loan from submitted to disbursed: who reviews and approves, who inspects, who disburses. */
export interface LoanStaff {
  reviewer: Actor;
  inspector: Actor;
  disburser: Actor;
}

/**
 * Takes a submitted loan application (version 1) to disbursed: the review is
 * started, the business inspected, `amountFen` approved for `termMonths` and
 * disbursed in full, inspected and disbursed today (a step may not record a date before the submission); answers the application after it.
 */
export async function disburseLoan(
  staff: LoanStaff,
  applicationId: string,
  loan: { amountFen: number; termMonths: number; inspection?: { date: string; officer: string; notes?: string } },
): Promise<StaffView> {
  const inspection = loan.inspection ?? { date: daysAgo(0), officer: '李协理', notes: '店面已租好' };
  return takeSteps(applicationId, 1, [
    [staff.reviewer, { action: 'start_review' }],
    [staff.inspector, { action: 'inspect', inspection }],
    [staff.reviewer, { action: 'approve', approvedFen: loan.amountFen, termMonths: loan.termMonths }],
    [staff.disburser, { action: 'disburse', amountFen: loan.amountFen, date: daysAgo(0) }],
  ]);
}

/** The China calendar day `days` days before today: a date a step may record on an application submitted earlier. */
export const daysAgo = (days: number): string => chinaDateAdd(new Date(), -days);

/**
 * Moves an application's submission `days` days into the past, in the
 * database: a step refuses dates before the submission (shared
 * machines/bounds.ts), so a test that records an earlier life backdates it
 * first. The staff read models follow at the application's next step.
 */
export async function backdateSubmission(applicationId: string, days: number): Promise<void> {
  const res = await rawCollection('applications').updateOne(...backdating(applicationId, days));
  if (res.matchedCount !== 1) throw new Error(`no application ${applicationId} to backdate`);
}
