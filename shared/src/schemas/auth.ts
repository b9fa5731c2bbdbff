import { z } from 'zod';

export const wechatLoginRequestSchema = z
  .strictObject({
    code: z.string({ error: '缺少登录凭证' }).min(1, { error: '缺少登录凭证' }).max(128, { error: '登录凭证过长' }),
  })
  .meta({ id: 'WechatLoginRequest' });
export type WechatLoginRequest = z.infer<typeof wechatLoginRequestSchema>;

export const tokenResponseSchema = z
  .object({
    token: z.string(),
    expiresAt: z.string(),
  })
  .meta({ id: 'TokenResponse' });
export type TokenResponse = z.infer<typeof tokenResponseSchema>;

/** POST /api/me/phone-number: the code of WeChat's getPhoneNumber button. */
export const phoneNumberRequestSchema = z
  .strictObject({
    code: z.string({ error: '缺少手机号授权凭证' }).min(1, { error: '缺少手机号授权凭证' }).max(128, { error: '手机号授权凭证过长' }),
  })
  .meta({ id: 'PhoneNumberRequest' });

export const phoneNumberResponseSchema = z.object({ mobile: z.string() }).meta({ id: 'PhoneNumber' });
export type PhoneNumberResponse = z.infer<typeof phoneNumberResponseSchema>;
