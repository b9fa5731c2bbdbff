import type { CommunityDirectory } from '@minsheng/shared';
import { request } from './request';

let cached: Promise<CommunityDirectory> | null = null;

/** Streets and their communities; asked for once per launch, and again after staff changed them. */
export function getCommunityDirectory(): Promise<CommunityDirectory> {
  cached ??= request<CommunityDirectory>({ path: '/api/communities' }).catch((error: unknown) => {
    cached = null;
    throw error;
  });
  return cached;
}

/** Drops the directory asked for, so that the next screen reads it again (after an administrator changed a community). */
export function forgetCommunityDirectory(): void {
  cached = null;
}
