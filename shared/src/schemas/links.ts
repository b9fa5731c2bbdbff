import { z } from 'zod';
import { objectIdSchema, programKindSchema } from './common';
import { communityCodeSchema } from './communities';

/** Length of a sign-up link id: 10 characters of [0-9A-Za-z] (62^10 ids). */
export const LINK_ID_LENGTH = 10;
export const LINK_ID_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
export const linkIdSchema = z.string().regex(new RegExp(`^[0-9A-Za-z]{${LINK_ID_LENGTH}}$`), { error: '链接编号不正确' });

/** The mini-program page every sign-up link opens. */
export const LINK_PAGE = 'pages/index/index';

/**
 * The `scene` of a sign-up link's mini-program code: `l=<linkId>`, 12
 * characters. WeChat's wxacode.getUnlimited allows at most 32 visible
 * characters from [0-9A-Za-z!#$&'()*+,/:;=?@-._~], and hands the scene to the
 * page URL-encoded as `options.scene` (decode with decodeURIComponent, then
 * read it with `linkIdFromScene`). It has the same `l=<linkId>` shape as the
 * query of the link's path, so the page reads one parameter either way.
 */
export function linkScene(linkId: string): string {
  return `l=${linkId}`;
}

/** The link id of a scene or query string `l=<linkId>` (other pairs ignored), or null. */
export function linkIdFromScene(scene: string): string | null {
  for (const pair of scene.split('&')) {
    const [key, value = ''] = pair.split('=');
    if (key === 'l' && linkIdSchema.safeParse(value).success) return value;
  }
  return null;
}

/** The mini-program path of a sign-up link (for sharing inside WeChat). */
export function linkPath(linkId: string): string {
  return `${LINK_PAGE}?${linkScene(linkId)}`;
}

/** The H5 address of a sign-up link, relative to the H5 build's origin. */
export function linkH5Url(linkId: string): string {
  return `/#/${linkPath(linkId)}`;
}

export const createLinkRequestSchema = z
  .strictObject({
    community: communityCodeSchema,
    /** Leave out for a link to all services. */
    programId: objectIdSchema.optional(),
  })
  .meta({ id: 'CreateLinkRequest' });
export type CreateLinkRequest = z.infer<typeof createLinkRequestSchema>;

export const linkListQuerySchema = z.strictObject({ community: communityCodeSchema });

export const linkSchema = z
  .object({
    id: z.string(),
    community: z.string(),
    communityName: z.string(),
    programId: z.string().nullable(),
    /** null: the link offers every open service (全部服务). */
    programTitle: z.string().nullable(),
    createdBy: z.string(),
    createdAt: z.string(),
    /** Mini-program path, e.g. for wx.navigateToMiniProgram or a share card. */
    path: z.string(),
    /** H5 address relative to the H5 origin. */
    h5Url: z.string(),
    /** The scene encoded in the mini-program code. */
    scene: z.string(),
    /** API path of the mini-program code image (PNG). */
    codeUrl: z.string(),
    /** API path of the printable A4 poster (PDF). */
    posterUrl: z.string(),
    /** API path of the same poster as a PNG image. */
    posterPngUrl: z.string(),
  })
  .meta({ id: 'Link' });
export type Link = z.infer<typeof linkSchema>;

export const linkListResponseSchema = z.object({ items: z.array(linkSchema) }).meta({ id: 'LinkList' });
export type LinkListResponse = z.infer<typeof linkListResponseSchema>;

/** What the landing screen shows a resident who opened a link. */
export const linkLandingSchema = z
  .object({
    id: z.string(),
    community: z.object({ code: z.string(), name: z.string(), street: z.string() }),
    /** True when the link is for all services. */
    allPrograms: z.boolean(),
    programs: z.array(z.object({ id: z.string(), kind: programKindSchema, title: z.string(), summary: z.string(), open: z.boolean() })),
  })
  .meta({ id: 'LinkLanding' });
export type LinkLanding = z.infer<typeof linkLandingSchema>;

export const linkOpenResponseSchema = z
  .object({
    /** True when this open made the link the resident's first touch. */
    attributed: z.boolean(),
  })
  .meta({ id: 'LinkOpenResponse' });
export type LinkOpenResponse = z.infer<typeof linkOpenResponseSchema>;

export const funnelQuerySchema = z.strictObject({ community: communityCodeSchema });

const funnelCounts = {
  /** Times the link was opened (every open counts). */
  opens: z.number().int(),
  /** Residents whose first touch was the link. */
  newResidents: z.number().int(),
  /** Of those, the ones who completed the real-name profile. */
  profilesCompleted: z.number().int(),
  /** Applications of residents whose first touch was the link. */
  applicationsSubmitted: z.number().int(),
  /** Of those, the ones approved at some point. */
  approved: z.number().int(),
};

export const funnelResponseSchema = z
  .object({
    community: z.string(),
    links: z.array(
      z.object({ linkId: z.string(), programId: z.string().nullable(), programTitle: z.string().nullable(), ...funnelCounts }),
    ),
    /**
     * Per programme: opens, new residents and profiles come from the links
     * made for that programme; applications and approvals count every
     * attributed application for the programme, whichever link of the
     * community brought the resident.
     */
    programs: z.array(z.object({ programId: z.string(), programTitle: z.string(), ...funnelCounts })),
    totals: z.object(funnelCounts),
  })
  .meta({ id: 'LinkFunnel' });
export type FunnelResponse = z.infer<typeof funnelResponseSchema>;
