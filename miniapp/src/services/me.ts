import type { MeResponse, PhoneNumberResponse, ProfileInput } from '@minsheng/shared';
import { adoptToken, residentRequest } from './auth';

/** The resident and their real-name profile (null until filled in; the ID number masked). */
export function getMe(): Promise<MeResponse> {
  return residentRequest<MeResponse>({ path: '/api/me' });
}

/**
 * Saves the real-name profile; the BFF checks it against the same shared schema.
 * When the save joined the record a station officer had registered for this
 * person, the app switches to the joined account's token.
 */
export async function saveProfile(input: ProfileInput): Promise<MeResponse> {
  const me = await residentRequest<MeResponse>({ method: 'PUT', path: '/api/me', data: input });
  if (me.joined) adoptToken(me.joined);
  return me;
}

/** The resident confirms that the officer who registered them may apply on their behalf. */
export function confirmConsent(): Promise<MeResponse> {
  return residentRequest<MeResponse>({ method: 'POST', path: '/api/me/consent', data: {} });
}

/** The mobile number behind WeChat's getPhoneNumber button code, to fill the form (saved only with the profile). */
export async function phoneNumberFromWechat(code: string): Promise<string> {
  const { mobile } = await residentRequest<PhoneNumberResponse>({ method: 'POST', path: '/api/me/phone-number', data: { code } });
  return mobile;
}
