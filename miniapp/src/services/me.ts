import type { MeResponse, ProfileInput } from '@minsheng/shared'
import { residentRequest } from './auth'

/** The resident and their real-name profile (null until filled in; the ID number masked). */
export function getMe(): Promise<MeResponse> {
  return residentRequest<MeResponse>({ path: '/api/me' })
}

/** Saves the real-name profile; the BFF checks it against the same shared schema. */
export function saveProfile(input: ProfileInput): Promise<MeResponse> {
  return residentRequest<MeResponse>({ method: 'PUT', path: '/api/me', data: input })
}
