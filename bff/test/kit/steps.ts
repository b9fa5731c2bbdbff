// A resident's application and the staff steps taken on it, over HTTP, for
// the review, transition, concurrency and notification tests.
import type { ProfileInput, ProgramKind, transitionRequestSchema } from '@minsheng/shared';
import type supertest from 'supertest';
import type { z } from 'zod';
import { ok, postApplication, type Actor, type Resident } from './client';
import { FORMS } from './factories';
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

/** The staff who take a loan from submitted to disbursed: who reviews and approves, who inspects, who disburses. */
export interface LoanStaff {
  reviewer: Actor;
  inspector: Actor;
  disburser: Actor;
}

/**
 * Takes a submitted loan application (version 1) to disbursed: the review is
 * started, the business inspected, `amountFen` approved for `termMonths` and
 * disbursed in full on 2026-11-25; answers the application after it.
 */
export async function disburseLoan(
  staff: LoanStaff,
  applicationId: string,
  loan: { amountFen: number; termMonths: number; inspection?: { date: string; officer: string; notes?: string } },
): Promise<StaffView> {
  const inspection = loan.inspection ?? { date: '2026-11-20', officer: '李协理', notes: '店面已租好' };
  await step(staff.reviewer, applicationId, { action: 'start_review', version: 1 });
  await step(staff.inspector, applicationId, { action: 'inspect', version: 2, inspection });
  await step(staff.reviewer, applicationId, { action: 'approve', version: 3, approvedFen: loan.amountFen, termMonths: loan.termMonths });
  return step(staff.disburser, applicationId, { action: 'disburse', version: 4, amountFen: loan.amountFen, date: '2026-11-25' });
}
