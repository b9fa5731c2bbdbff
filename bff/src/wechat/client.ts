import { z } from 'zod';
import { AppError, unauthenticated } from '../errors';

/**
 * The WeChat server API as the BFF uses it. `baseUrl` is configuration: the
 * real https://api.weixin.qq.com in production, our stand-in elsewhere.
 */
export interface WechatClient {
  /** Exchanges a wx.login code for the user's openid. */
  code2Session(code: string): Promise<{ openid: string; unionid?: string }>;
  /** A mini-program code image opening `page` with `scene` (wxacode.getUnlimited; scene ≤ 32 characters). */
  getUnlimitedCode(scene: string, page: string): Promise<{ image: Buffer; contentType: 'image/png' | 'image/jpeg' }>;
  /** The mobile number a getPhoneNumber button's code stands for (phonenumber.getPhoneNumber). */
  getPhoneNumber(code: string): Promise<{ mobile: string }>;
  /**
   * Sends a subscribe message (subscribeMessage.send). Never throws: WeChat's
   * refusal is its errcode, an unreachable WeChat is errcode -1, so the
   * outbox can decide between retrying and giving up.
   */
  sendSubscribeMessage(message: SubscribeMessage): Promise<SubscribeSendResult>;
}

export interface SubscribeMessage {
  touser: string;
  templateId: string;
  /** The mini-program page the message opens, with its query. */
  page: string;
  /** Template fields, e.g. { thing1: { value: '…' } }. */
  data: Record<string, { value: string }>;
}

export type SubscribeSendResult = { ok: true } | { ok: false; errcode: number; errmsg: string };

const sendReply = z.object({ errcode: z.number().optional(), errmsg: z.string().optional() });

const phoneReply = z.union([
  z.object({ errcode: z.literal(0).optional(), phone_info: z.object({ purePhoneNumber: z.string(), countryCode: z.string().optional() }) }),
  z.object({ errcode: z.number(), errmsg: z.string().optional() }),
]);

const sessionReply = z.union([
  z.object({ openid: z.string().min(1).max(128), unionid: z.string().optional() }),
  z.object({ errcode: z.number(), errmsg: z.string().optional() }),
]);

const tokenReply = z.union([
  z.object({ access_token: z.string().min(1), expires_in: z.number().int().positive() }),
  z.object({ errcode: z.number(), errmsg: z.string().optional() }),
]);

/** The image type of these bytes by their magic number: WeChat's content-type header is not to be trusted. */
function imageType(bytes: Buffer): 'image/png' | 'image/jpeg' | null {
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (bytes.subarray(0, 3).equals(Buffer.from([0xff, 0xd8, 0xff]))) return 'image/jpeg';
  return null;
}

function parseJson(bytes: Buffer): unknown {
  try {
    return JSON.parse(bytes.toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

/** Renew the access token this long before WeChat says it expires. */
const TOKEN_MARGIN_MS = 5 * 60 * 1000;

export function createWechatClient(options: { baseUrl: string; appId: string; appSecret: string; timeoutMs?: number }): WechatClient {
  const timeoutMs = options.timeoutMs ?? 5000;
  // One token for the process, shared by concurrent callers while it is fetched.
  let cached: { token: string; until: number } | undefined;
  let pending: Promise<string> | undefined;

  /** One call to WeChat: a GET, or a POST of `json`; its status and bytes, or `undefined` when WeChat is unreachable or too slow. */
  const call = async (path: string, query: Record<string, string>, json?: object): Promise<{ ok: boolean; bytes: Buffer } | undefined> => {
    const url = new URL(path, options.baseUrl);
    url.search = new URLSearchParams(query).toString();
    const signal = AbortSignal.timeout(timeoutMs);
    try {
      const res = await fetch(
        url,
        json === undefined
          ? { signal }
          : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(json), signal },
      );
      return { ok: res.ok, bytes: Buffer.from(await res.arrayBuffer()) };
    } catch {
      return undefined;
    }
  };

  /** A call WeChat answers with JSON: the parsed answer, or `undefined` when WeChat is unreachable, too slow or answers no JSON. */
  const callJson = async (path: string, query: Record<string, string>, json?: object): Promise<unknown> => {
    const answer = await call(path, query, json);
    return answer && parseJson(answer.bytes);
  };

  /** An expired or revoked token: forget it so the next call fetches a fresh one. */
  const forgetTokenOn = (errcode: number): void => {
    if ([40001, 42001].includes(errcode)) cached = undefined;
  };

  const fetchAccessToken = async (): Promise<string> => {
    const body = await callJson('/cgi-bin/token', { grant_type: 'client_credential', appid: options.appId, secret: options.appSecret });
    if (body === undefined) throw new AppError('SERVICE_UNAVAILABLE', '微信服务暂时不可用，请稍后再试');
    const reply = tokenReply.safeParse(body);
    if (!reply.success || 'errcode' in reply.data) throw new AppError('SERVICE_UNAVAILABLE', '微信服务凭证获取失败，请稍后再试');
    cached = { token: reply.data.access_token, until: Date.now() + reply.data.expires_in * 1000 - TOKEN_MARGIN_MS };
    return cached.token;
  };

  const accessToken = (): Promise<string> => {
    if (cached && cached.until > Date.now()) return Promise.resolve(cached.token);
    pending ??= fetchAccessToken().finally(() => {
      pending = undefined;
    });
    return pending;
  };

  return {
    async getUnlimitedCode(scene, page) {
      const query = { access_token: await accessToken() };
      const request = { scene, page, check_path: false };
      // Asking for a code changes nothing at WeChat, so a dropped connection or a timeout is tried once more.
      const answer = (await call('/wxa/getwxacodeunlimit', query, request)) ?? (await call('/wxa/getwxacodeunlimit', query, request));
      if (!answer) throw new AppError('SERVICE_UNAVAILABLE', '微信小程序码服务暂时不可用，请稍后再试');
      // WeChat answers an image on success and a JSON errcode (status 200, varying content types) on failure.
      const contentType = imageType(answer.bytes);
      if (answer.ok && contentType) return { image: answer.bytes, contentType };
      const error = z.object({ errcode: z.number() }).safeParse(parseJson(answer.bytes));
      if (error.success) forgetTokenOn(error.data.errcode);
      throw new AppError('SERVICE_UNAVAILABLE', '微信小程序码生成失败，请稍后再试');
    },

    async getPhoneNumber(code) {
      const body = await callJson('/wxa/business/getuserphonenumber', { access_token: await accessToken() }, { code });
      if (body === undefined) throw new AppError('SERVICE_UNAVAILABLE', '微信手机号服务暂时不可用，请手动填写');
      const reply = phoneReply.safeParse(body);
      if (!reply.success) throw new AppError('SERVICE_UNAVAILABLE', '微信手机号服务返回异常，请手动填写');
      if (!('phone_info' in reply.data)) {
        forgetTokenOn(reply.data.errcode);
        throw new AppError('VALIDATION_FAILED', '获取手机号失败，请重试或手动填写', { code: '手机号授权已失效，请重试' });
      }
      return { mobile: reply.data.phone_info.purePhoneNumber };
    },

    async sendSubscribeMessage(message) {
      let token: string;
      try {
        token = await accessToken();
      } catch {
        return { ok: false, errcode: -1, errmsg: 'access token unavailable' };
      }
      const { touser, templateId, page, data } = message;
      const body = await callJson(
        '/cgi-bin/message/subscribe/send',
        { access_token: token },
        { touser, template_id: templateId, page, data },
      );
      if (body === undefined) return { ok: false, errcode: -1, errmsg: 'WeChat unreachable or answered no JSON' };
      const reply = sendReply.safeParse(body);
      if (!reply.success) return { ok: false, errcode: -1, errmsg: 'unexpected answer' };
      const errcode = reply.data.errcode ?? 0;
      if (errcode === 0) return { ok: true };
      forgetTokenOn(errcode);
      return { ok: false, errcode, errmsg: reply.data.errmsg ?? '' };
    },

    async code2Session(code) {
      const query = { appid: options.appId, secret: options.appSecret, js_code: code, grant_type: 'authorization_code' };
      const body = await callJson('/sns/jscode2session', query);
      if (body === undefined) throw new AppError('SERVICE_UNAVAILABLE', '微信登录服务暂时不可用，请稍后再试');
      const reply = sessionReply.safeParse(body);
      if (!reply.success) throw new AppError('SERVICE_UNAVAILABLE', '微信登录服务返回异常，请稍后再试');
      if ('errcode' in reply.data) throw unauthenticated('微信登录凭证无效或已过期，请重新进入小程序');
      return reply.data.unionid ? { openid: reply.data.openid, unionid: reply.data.unionid } : { openid: reply.data.openid };
    },
  };
}
