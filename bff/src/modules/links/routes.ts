import {
  createLinkRequestSchema,
  funnelQuerySchema,
  funnelResponseSchema,
  LINK_PAGE,
  linkIdSchema,
  linkLandingSchema,
  linkListQuerySchema,
  linkListResponseSchema,
  linkOpenResponseSchema,
  linkScene,
  linkSchema,
} from '@minsheng/shared';
import { z } from 'zod';
import { attachment } from '../../http/attachment';
import type { AppContext, StaffPrincipal } from '../../http/context';
import { route } from '../../http/route';
import { bearerToken, residentClaims } from '../../middleware/auth';
import { ALL_STAFF } from '../staff/routes';
import { communityFunnel } from './funnel';
import { renderPoster, renderPosterPng, type PosterContent } from './poster';
import { presentLink } from './presenter';
import { attributeLink, createLink, getLinkForStaff, linkLanding, linkNames, listLinks, openLink } from './service';

/** Admins share links for any community, officers for their own; reviewers only look. */
const LINK_MAKERS = { kind: 'staff', roles: ['admin', 'officer'] } as const;
const linkParams = z.strictObject({ id: linkIdSchema });
const binary = z.string().meta({ format: 'binary' });

const POSTER_FORMATS = {
  pdf: { contentType: 'application/pdf', render: renderPoster },
  png: { contentType: 'image/png', render: renderPosterPng },
} as const;

/** Answers with a link's poster in one format, for staff who may see the link, as a file named after its community and programme. */
async function sendPoster(ctx: AppContext, viewer: StaffPrincipal, id: string, format: keyof typeof POSTER_FORMATS): Promise<void> {
  const link = await getLinkForStaff(viewer, id);
  const presented = presentLink(link, await linkNames([link]));
  const code = await ctx.deps.wechat.getUnlimitedCode(presented.scene, LINK_PAGE);
  const content: PosterContent = { programTitle: presented.programTitle, communityName: presented.communityName, code };
  const { contentType, render } = POSTER_FORMATS[format];
  ctx.body = await render(content, ctx.deps.config.posterFont);
  ctx.type = contentType;
  ctx.set('Content-Disposition', attachment(`${presented.communityName}-${presented.programTitle ?? '全部服务'}-${link._id}.${format}`));
}

/** The resident behind an optional bearer token; a missing, expired or foreign token opens the link anonymously. */
async function optionalResident(ctx: AppContext): Promise<string | undefined> {
  const token = bearerToken(ctx);
  if (!token) return undefined;
  try {
    return (await residentClaims(ctx, token)).sub;
  } catch {
    return undefined;
  }
}

export const linkRoutes = [
  route({
    method: 'post',
    path: '/api/admin/links',
    summary: 'Create a sign-up link for a community and one programme (or all)',
    tag: 'links',
    access: LINK_MAKERS,
    body: createLinkRequestSchema,
    community: ({ body }) => body.community,
    responses: {
      201: { description: 'The new link with its path, H5 address, code and poster', schema: linkSchema },
      403: { description: 'An officer asked for another community' },
    },
    handler: async (ctx, { body, staff }) => {
      const link = await createLink(staff, body);
      ctx.status = 201;
      ctx.body = presentLink(link, await linkNames([link]));
    },
  }),
  route({
    method: 'get',
    path: '/api/admin/links',
    summary: "A community's sign-up links, newest first",
    tag: 'links',
    access: ALL_STAFF,
    query: linkListQuerySchema,
    community: ({ query }) => query.community,
    responses: {
      200: { description: 'The links', schema: linkListResponseSchema },
      403: { description: 'An officer asked for another community' },
    },
    handler: async (ctx, { query }) => {
      const links = await listLinks(query.community);
      const names = await linkNames(links);
      ctx.body = { items: links.map((l) => presentLink(l, names)) };
    },
  }),
  route({
    method: 'get',
    path: '/api/admin/links/funnel',
    summary: "A community's sign-up funnel per link and per programme: opens, new residents, profiles, applications, approvals",
    tag: 'links',
    access: ALL_STAFF,
    query: funnelQuerySchema,
    community: ({ query }) => query.community,
    responses: {
      200: { description: 'The funnel', schema: funnelResponseSchema },
      403: { description: 'An officer asked for another community' },
    },
    handler: async (ctx, { query }) => {
      ctx.body = await communityFunnel(query.community);
    },
  }),
  route({
    method: 'get',
    path: '/api/admin/links/:id/code.png',
    summary: "The link's mini-program code (wxacode.getUnlimited, scene l=<id>); PNG, or JPEG if WeChat sends one",
    tag: 'links',
    access: ALL_STAFF,
    params: linkParams,
    responses: {
      200: { description: 'The code image', contentType: ['image/png', 'image/jpeg'], schema: binary },
      404: { description: 'No such link' },
    },
    handler: async (ctx, { params, staff }) => {
      const link = await getLinkForStaff(staff, params.id);
      const code = await ctx.deps.wechat.getUnlimitedCode(linkScene(link._id), LINK_PAGE);
      ctx.body = code.image;
      ctx.type = code.contentType;
      ctx.set('Cache-Control', 'private, max-age=3600');
    },
  }),
  route({
    method: 'get',
    path: '/api/admin/links/:id/poster.pdf',
    summary: 'A printable A4 poster of the link: programme, community, code and steps',
    tag: 'links',
    access: ALL_STAFF,
    params: linkParams,
    responses: {
      200: { description: 'PDF document', contentType: 'application/pdf', schema: binary },
      404: { description: 'No such link' },
    },
    handler: async (ctx, { params, staff }) => {
      await sendPoster(ctx, staff, params.id, 'pdf');
    },
  }),
  route({
    method: 'get',
    path: '/api/admin/links/:id/poster.png',
    summary: 'The same poster as a PNG image (A4 at 150 dpi), to save on a phone or send to a group',
    tag: 'links',
    access: ALL_STAFF,
    params: linkParams,
    responses: { 200: { description: 'PNG image', contentType: 'image/png', schema: binary }, 404: { description: 'No such link' } },
    handler: async (ctx, { params, staff }) => {
      await sendPoster(ctx, staff, params.id, 'png');
    },
  }),
  route({
    method: 'get',
    path: '/api/links/:id',
    summary: 'What a sign-up link offers: its community and programme(s), for the landing screen',
    tag: 'links',
    access: { kind: 'public' },
    params: linkParams,
    responses: { 200: { description: 'The landing content', schema: linkLandingSchema }, 404: { description: 'No such link' } },
    handler: async (ctx, { params }) => {
      ctx.body = await linkLanding(params.id);
    },
  }),
  route({
    method: 'post',
    path: '/api/links/:id/open',
    summary:
      "Count an open of the link (once per visitor per day, at most 100 per address per day); with a resident token, make it the resident's first-touch attribution if they have none",
    tag: 'links',
    access: { kind: 'public' },
    params: linkParams,
    responses: { 200: { description: 'Counted', schema: linkOpenResponseSchema }, 404: { description: 'No such link' } },
    handler: async (ctx, { params }) => {
      ctx.body = await openLink(params.id, {
        residentId: await optionalResident(ctx),
        address: ctx.ip,
        userAgent: ctx.get('user-agent'),
        hash: ctx.deps.pii.hash,
      });
    },
  }),
  route({
    method: 'post',
    path: '/api/links/:id/attribute',
    summary:
      "Make the link the resident's first-touch attribution if they have none, without counting an open (for a link opened before logging in)",
    tag: 'links',
    access: { kind: 'resident' },
    params: linkParams,
    responses: { 200: { description: 'Decided', schema: linkOpenResponseSchema }, 404: { description: 'No such link' } },
    handler: async (ctx, { params, resident }) => {
      ctx.body = await attributeLink(params.id, resident.id);
    },
  }),
];
