import type { Application, CreateApplicationRequest, ResubmitApplicationRequest } from '@minsheng/shared';
import { residentRequest } from './auth';

/** The resident's applications, newest first. */
export async function listApplications(): Promise<Application[]> {
  const { items } = await residentRequest<{ items: Application[] }>({ path: '/api/applications' });
  return items;
}

/** One of the resident's applications with its history. */
export function getApplication(id: string): Promise<Application> {
  return residentRequest<Application>({ path: `/api/applications/${encodeURIComponent(id)}` });
}

/**
 * Submits an application. Pass the same `idempotencyKey` when submitting the
 * same content again after a failure: the BFF then answers with the first
 * result instead of making a second application.
 */
export function submitApplication(body: CreateApplicationRequest, idempotencyKey: string): Promise<Application> {
  return residentRequest<Application>({ method: 'POST', path: '/api/applications', data: body, idempotencyKey });
}

/** Withdraws an application not yet decided; `version` is the revision the resident saw. */
export function withdrawApplication(id: string, version: number): Promise<Application> {
  return residentRequest<Application>({ method: 'POST', path: `/api/applications/${encodeURIComponent(id)}/withdraw`, data: { version } });
}

/** Answers a request for more information with the edited form and materials. */
export function resubmitApplication(id: string, body: ResubmitApplicationRequest): Promise<Application> {
  return residentRequest<Application>({ method: 'POST', path: `/api/applications/${encodeURIComponent(id)}/resubmit`, data: body });
}
