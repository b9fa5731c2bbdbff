import type { PlacesResponse } from '@minsheng/shared';
import { request } from './request';

let cached: Promise<PlacesResponse> | null = null;

/** Streets and their communities; asked for once per launch (they change only when staff edit them). */
export function getPlaces(): Promise<PlacesResponse> {
  cached ??= request<PlacesResponse>({ path: '/api/places' }).catch((error: unknown) => {
    cached = null;
    throw error;
  });
  return cached;
}
