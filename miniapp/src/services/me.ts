import type { MeResponse, PhoneNumberResponse, ProfileInput } from '@minsheng/shared'
import { residentRequest } from './auth'

/** The resident and their real-name profile (null until filled in; the ID number masked). */
export function getMe(): Promise<MeResponse> {
  return residentRequest<MeResponse>({ path: '/api/me' })
}

/** Saves the real-name profile; the BFF checks it against the same shared schema. */
export function saveProfile(input: ProfileInput): Promise<MeResponse> {
  return residentRequest<MeResponse>({ method: 'PUT', path: '/api/me', data: input })
}

/** The mobile number behind WeChat's getPhoneNumber button code, to fill the form (saved only with the profile). */
export async function phoneNumberFromWechat(code: string): Promise<string> {
  const { mobile } = await residentRequest<PhoneNumberResponse>({ method: 'POST', path: '/api/me/phone-number', data: { code } })
  return mobile
}
