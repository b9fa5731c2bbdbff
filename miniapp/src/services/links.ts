import { linkIdFromScene, linkIdSchema, type LinkLanding, type LinkOpenResponse } from '@minsheng/shared';
import { hasSession, withSession } from './auth';
import { attributePendingLink, readPendingLink, rememberLink } from './firstTouch';
import { request } from './request';

/** What a page's parameters say about a sign-up link: none, one that cannot be valid, or a link id. */
export type LinkParam = { kind: 'none' } | { kind: 'invalid' } | { kind: 'link'; id: string };

/**
 * Reads the link of a landing page's parameters: `l=<id>` from a share card's
 * path or the H5 address, or the mini-program code's `scene` (URL-encoded
 * `l=<id>`). Ids are checked with the shared schema, so a bad one costs no call.
 */
export function linkParamOf(params: Partial<Record<string, string>>): LinkParam {
  const { l, scene } = params;
  if (l !== undefined) return linkIdSchema.safeParse(l).success ? { kind: 'link', id: l } : { kind: 'invalid' };
  if (scene === undefined || scene === '') return { kind: 'none' };
  let decoded: string;
  try {
    decoded = decodeURIComponent(scene);
  } catch {
    return { kind: 'invalid' };
  }
  const id = linkIdFromScene(decoded);
  return id ? { kind: 'link', id } : { kind: 'invalid' };
}

/** The community and programme(s) a link offers. */
export function getLinkLanding(id: string): Promise<LinkLanding> {
  return request<LinkLanding>({ path: `/api/links/${encodeURIComponent(id)}` });
}

/**
 * Records one open of a link, counted once, with the resident's token when
 * there is one. A logged-in resident's first touch is settled now; an
 * anonymous visitor's link is remembered on the phone (an earlier unexpired
 * one wins, see firstTouch.ts) and settled at their next login. An unknown
 * link (404) is neither counted nor remembered.
 */
export async function openLink(id: string, now: Date = new Date()): Promise<void> {
  const loggedIn = hasSession();
  // Failures leave the link pending for the next login or open.
  const settle = () => withSession(() => attributePendingLink(undefined, now)).catch(() => undefined);
  // A link still waiting since before the login (its attribution failed then) came first.
  if (loggedIn && readPendingLink(now)) await settle();
  const { attributed } = await request<LinkOpenResponse>({
    method: 'POST',
    path: `/api/links/${encodeURIComponent(id)}/open`,
    data: {},
    ...(loggedIn ? {} : { token: '' }),
  });
  if (attributed) return;
  rememberLink(id, now);
  // Logged in meanwhile (the home page logs in as it loads), an earlier first touch, or a token the BFF
  // no longer takes: settling decides. Otherwise the next login does.
  if (hasSession()) await settle();
}
