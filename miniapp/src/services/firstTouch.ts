import { linkIdSchema, type LinkOpenResponse } from '@minsheng/shared';
import Taro from '@tarojs/taro';
import { ApiError, request } from './request';

const PENDING_LINK_STORAGE_KEY = 'minsheng.pendingLink';

/**
 * How long a link opened before logging in still attributes the resident:
 * 30 days from the first open on this phone. Long enough for someone who
 * scans a poster and comes back to apply weeks later; after that the visit
 * is stale and a newer link may take its place.
 */
export const PENDING_LINK_TTL_MS = 30 * 24 * 60 * 60 * 1000;

/** A sign-up link opened on this phone whose attribution the BFF has not yet decided. */
export interface PendingLink {
  id: string;
  /** When it was first opened, as epoch milliseconds. */
  openedAt: number;
}

/** The pending link, unless there is none, it is malformed or it expired. */
export function readPendingLink(now: Date = new Date()): PendingLink | null {
  const stored: unknown = Taro.getStorageSync(PENDING_LINK_STORAGE_KEY);
  if (typeof stored !== 'object' || stored === null) return null;
  const { id, openedAt } = stored as Record<string, unknown>;
  if (!linkIdSchema.safeParse(id).success || typeof id !== 'string' || typeof openedAt !== 'number') return null;
  if (now.getTime() - openedAt > PENDING_LINK_TTL_MS) return null;
  return { id, openedAt };
}

/** Remembers an opened link until the BFF decides the attribution; an earlier unexpired one is kept (first touch wins). */
export function rememberLink(id: string, now: Date = new Date()): void {
  if (readPendingLink(now)) return;
  Taro.setStorageSync(PENDING_LINK_STORAGE_KEY, { id, openedAt: now.getTime() } satisfies PendingLink);
}

/** Forgets the pending link. */
export function forgetPendingLink(): void {
  Taro.removeStorageSync(PENDING_LINK_STORAGE_KEY);
}

/**
 * Asks the BFF to make the pending link the resident's first touch (it keeps
 * an earlier one) and forgets it once decided, or when the link is gone.
 * Sends `token`, or the stored one when left out. Throws on a network error
 * or a refused token, keeping the link for the next try.
 */
export async function attributePendingLink(token?: string, now: Date = new Date()): Promise<LinkOpenResponse | null> {
  const pending = readPendingLink(now);
  if (!pending) {
    forgetPendingLink();
    return null;
  }
  try {
    const decided = await request<LinkOpenResponse>({ method: 'POST', path: `/api/links/${pending.id}/attribute`, data: {}, token });
    forgetPendingLink();
    return decided;
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) {
      forgetPendingLink();
      return null;
    }
    throw error;
  }
}
