import { z } from 'zod';
import { AppError, unauthenticated } from '../errors';

/**
 * The WeChat server API as the BFF uses it. `baseUrl` is configuration: the
 * real https://api.weixin.qq.com in production, our stand-in elsewhere.
 */
export interface WechatClient {
  /** Exchanges a wx.login code for the user's openid. */
  code2Session(code: string): Promise<{ openid: string; unionid?: string }>;
}

const sessionReply = z.union([
  z.object({ openid: z.string().min(1).max(128), unionid: z.string().optional() }),
  z.object({ errcode: z.number(), errmsg: z.string().optional() }),
]);

export function createWechatClient(options: { baseUrl: string; appId: string; appSecret: string; timeoutMs?: number }): WechatClient {
  const timeoutMs = options.timeoutMs ?? 5000;
  return {
    async code2Session(code) {
      const url = new URL('/sns/jscode2session', options.baseUrl);
      url.search = new URLSearchParams({
        appid: options.appId,
        secret: options.appSecret,
        js_code: code,
        grant_type: 'authorization_code',
      }).toString();
      let body: unknown;
      try {
        const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
        body = await res.json();
      } catch {
        throw new AppError('SERVICE_UNAVAILABLE', '微信登录服务暂时不可用，请稍后再试');
      }
      const reply = sessionReply.safeParse(body);
      if (!reply.success) throw new AppError('SERVICE_UNAVAILABLE', '微信登录服务返回异常，请稍后再试');
      if ('errcode' in reply.data) throw unauthenticated('微信登录凭证无效或已过期，请重新进入小程序');
      return reply.data.unionid ? { openid: reply.data.openid, unionid: reply.data.unionid } : { openid: reply.data.openid };
    },
  };
}
