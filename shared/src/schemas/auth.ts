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
