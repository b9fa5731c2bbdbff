import type { MarkMessagesReadResponse, MessageListResponse, SubscriptionsResponse } from '@minsheng/shared';
import { residentRequest } from './auth';
import { askToSubscribe } from './subscribe';

export { canSubscribe } from './subscribe';

/** A page of the resident's messages, newest first; pass the previous page's `nextCursor` for the next. */
export function listMessages(cursor?: string | null): Promise<MessageListResponse> {
  return residentRequest<MessageListResponse>({ path: '/api/me/messages', data: cursor ? { cursor } : {} });
}

/** How many of the resident's messages are unread. */
export async function unreadMessageCount(): Promise<number> {
  const { unread } = await residentRequest<MessageListResponse>({ path: '/api/me/messages', data: { limit: 1 } });
  return unread;
}

/** Marks the given messages read, or all of them. */
export function markMessagesRead(ids: string[] | 'all'): Promise<MarkMessagesReadResponse> {
  return residentRequest<MarkMessagesReadResponse>({
    method: 'POST',
    path: '/api/me/messages/read',
    data: ids === 'all' ? { all: true } : { ids },
  });
}

/**
 * Asks the resident to allow WeChat messages about their applications (one
 * message per acceptance) and tells the BFF which templates they accepted.
 * Must run in a tap's handler on WeChat. Answers the accepted template ids.
 */
export async function offerSubscriptions(): Promise<string[]> {
  const { templateIds } = await residentRequest<SubscriptionsResponse>({ path: '/api/me/subscriptions' });
  const accepted = await askToSubscribe(templateIds);
  if (accepted.length > 0)
    await residentRequest<SubscriptionsResponse>({ method: 'POST', path: '/api/me/subscriptions', data: { accepted } });
  return accepted;
}
