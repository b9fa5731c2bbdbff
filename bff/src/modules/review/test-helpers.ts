import type { ProfileInput, ProgramKind, transitionRequestSchema } from '@minsheng/shared';
import type supertest from 'supertest';
import type { z } from 'zod';
import { FORMS, postApplication, residentWithProfile } from '../../test/factories';
import type { TestContext } from '../../test/support';

// Helpers shared by the review, transition and concurrency tests.

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

/** Status and error code of an answer, to compare in one expectation. */
export const refusal = (res: supertest.Response) => ({ status: res.status, code: res.body.error?.code as string | undefined });

export interface Submitted {
  id: string;
  number: string;
  version: number;
  submittedAt: string;
  /** The applicant's resident token. */
  token: string;
  profile: ProfileInput;
}

/**
 * A fresh resident (with `profile` overrides) submits the standard form of
 * `kind` to a programme that asks for no materials; fails the test unless the
 * application is created.
 */
export async function submitFresh(
  t: TestContext,
  programId: string,
  kind: ProgramKind,
  options: { profile?: Partial<ProfileInput> } = {},
): Promise<Submitted> {
  const { token, profile } = await residentWithProfile(t, options.profile);
  const res = await postApplication(t, token, { programId, form: FORMS[kind], materialIds: [] });
  if (res.status !== 201) throw new Error(`submitting failed: ${res.status} ${JSON.stringify(res.body)}`);
  const body = res.body as { id: string; number: string; version: number; submittedAt: string };
  return { id: body.id, number: body.number, version: body.version, submittedAt: body.submittedAt, token, profile };
}

export type TransitionBody = z.input<typeof transitionRequestSchema>;

/** POST /api/admin/applications/:id/transitions as the given staff token; the answer is not checked. */
export function act(t: TestContext, staffToken: string, applicationId: string, body: TransitionBody): supertest.Test {
  return t.http.post(`/api/admin/applications/${applicationId}/transitions`).set(bearer(staffToken)).send(body);
}

/** Takes the step and fails the test unless it succeeds; returns the application after it. */
export async function step(t: TestContext, staffToken: string, applicationId: string, body: TransitionBody) {
  const res = await act(t, staffToken, applicationId, body);
  if (res.status !== 200) throw new Error(`${body.action} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { status: string; version: number; assignment: { label: string } | null } & Record<string, unknown>;
}

/** The application as staff see it. */
export async function staffView(t: TestContext, staffToken: string, applicationId: string) {
  const res = await t.http.get(`/api/admin/applications/${applicationId}`).set(bearer(staffToken)).expect(200);
  return res.body as { status: string; version: number; assignment: { label: string } | null; history: unknown[] } & Record<
    string,
    unknown
  >;
}

/** Runs `fn` for 0..n-1, `parallel` at a time; results in index order. */
export async function times<T>(n: number, fn: (i: number) => Promise<T>, parallel = 10): Promise<T[]> {
  const out: T[] = [];
  for (let start = 0; start < n; start += parallel) {
    const batch = Array.from({ length: Math.min(parallel, n - start) }, (_, j) => fn(start + j));
    out.push(...(await Promise.all(batch)));
  }
  return out;
}
