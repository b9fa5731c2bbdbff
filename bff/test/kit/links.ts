// Sign-up links in tests: staff make them, visitors open them.
import { ok, type Actor } from './client';

/** A sign-up link as staff see it. */
export interface LinkBody {
  id: string;
  community: string;
  communityName: string;
  programId: string | null;
  programTitle: string | null;
  path: string;
  h5Url: string;
  scene: string;
  codeUrl: string;
  posterUrl: string;
  posterPngUrl: string;
}

/** `staff` makes a sign-up link for the community (and one programme); fails the test unless it is created (201). */
export async function newLink(staff: Actor, body: { community: string; programId?: string }): Promise<LinkBody> {
  return (await staff.post('/api/admin/links').send(body).expect(201)).body as LinkBody;
}

/** `by` (a resident, or anyone) opens the link as the landing screen does; fails the test unless it answers 200. */
export async function openLink(by: Actor, linkId: string): Promise<{ attributed: boolean }> {
  return ok<{ attributed: boolean }>(by.post(`/api/links/${linkId}/open`).expect(200));
}
