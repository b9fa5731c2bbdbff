import type { CommunityDirectory } from '@minsheng/shared';
import { request } from './request';

let cached: Promise<CommunityDirectory> | null = null;

/** Streets and their communities; asked for once per launch (they change only when staff edit them). */
export function getCommunityDirectory(): Promise<CommunityDirectory> {
  cached ??= request<CommunityDirectory>({ path: '/api/communities' }).catch((error: unknown) => {
    cached = null;
    throw error;
  });
  return cached;
}
