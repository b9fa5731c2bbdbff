import {
  meResponseSchema,
  phoneNumberRequestSchema,
  phoneNumberResponseSchema,
  profileInputSchema,
  tokenResponseSchema,
  wechatLoginRequestSchema,
} from '@minsheng/shared';
import type { AppContext } from '../../http/context';
import { route } from '../../http/route';
import { logoutRoute } from '../../security/revocation';
import { presentMe } from './presenter';
import { getSignedInResident, residentForOpenid, saveProfile } from './service';

/** A new resident token for the account, as the phone stores it. */
async function residentToken(ctx: AppContext, residentId: string): Promise<{ token: string; expiresAt: string }> {
  const { token, expiresAt } = await ctx.deps.tokens.issue(residentId, 'resident');
  return { token, expiresAt: expiresAt.toISOString() };
}

export const residentRoutes = [
  route({
    method: 'post',
    path: '/api/auth/wechat',
    summary: 'Log in with a wx.login code; returns a resident token',
    tag: 'auth',
    access: { kind: 'public' },
    body: wechatLoginRequestSchema,
    responses: {
      200: { description: 'A bearer token for resident routes', schema: tokenResponseSchema },
      401: { description: 'WeChat refused the code' },
    },
    handler: async (ctx, { body }) => {
      const { openid } = await ctx.deps.wechat.code2Session(body.code);
      const resident = await residentForOpenid(openid);
      ctx.body = await residentToken(ctx, String(resident._id));
    },
  }),
  logoutRoute({
    path: '/api/auth/logout',
    summary: 'Log out: the presented resident token stops working at once',
    tag: 'auth',
    access: { kind: 'resident' },
  }),
  route({
    method: 'get',
    path: '/api/me',
    summary: 'The resident and their real-name profile (ID number masked)',
    tag: 'residents',
    access: { kind: 'resident' },
    responses: { 200: { description: 'The resident', schema: meResponseSchema } },
    handler: async (ctx, { resident }) => {
      ctx.body = await presentMe(await getSignedInResident(resident.id), ctx.deps.pii);
    },
  }),
  route({
    method: 'put',
    path: '/api/me',
    summary: 'Save the real-name profile',
    tag: 'residents',
    access: { kind: 'resident' },
    body: profileInputSchema,
    responses: {
      200: {
        description: 'The saved profile; with `joined` (a new token) when it joined the record an officer registered',
        schema: meResponseSchema,
      },
      409: { description: 'The ID number belongs to another account (or matches a registered resident whose name or mobile differ)' },
    },
    handler: async (ctx, { body, resident }) => {
      const saved = await saveProfile(resident.id, body, ctx.deps.pii);
      const me = await presentMe(saved, ctx.deps.pii);
      if (String(saved._id) === resident.id) {
        ctx.body = me;
        return;
      }
      // Joined to the record an officer registered: the old token names an account that no longer exists.
      ctx.body = { ...me, joined: await residentToken(ctx, String(saved._id)) };
    },
  }),
  route({
    method: 'post',
    path: '/api/me/phone-number',
    summary: "The resident's mobile number from WeChat's phone-number button, to fill the profile form",
    tag: 'residents',
    access: { kind: 'resident' },
    body: phoneNumberRequestSchema,
    responses: {
      200: { description: 'The number WeChat verified; not stored until the profile is saved', schema: phoneNumberResponseSchema },
      400: { description: 'The code was refused by WeChat' },
    },
    handler: async (ctx, { body }) => {
      ctx.set('Cache-Control', 'no-store');
      ctx.body = await ctx.deps.wechat.getPhoneNumber(body.code);
    },
  }),
];
