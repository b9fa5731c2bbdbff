import type { CreateLinkRequest, FunnelResponse, Link, LinkListResponse } from '@minsheng/shared';
import { staffRequest } from './staff';

/** A community's sign-up links, newest first. */
export async function listLinks(community: string): Promise<Link[]> {
  const { items } = await staffRequest<LinkListResponse>({ path: '/api/admin/links', data: { community } });
  return items;
}

/** Makes a sign-up link for the community and one programme, or all programmes when `programId` is left out. */
export function createLink(request: CreateLinkRequest): Promise<Link> {
  return staffRequest<Link>({ method: 'POST', path: '/api/admin/links', data: { ...request } });
}

/** Opens, new residents, profiles, applications and approvals of a community's links, per link and per programme. */
export function getLinkFunnel(community: string): Promise<FunnelResponse> {
  return staffRequest<FunnelResponse>({ path: '/api/admin/links/funnel', data: { community } });
}

/** What a poster file is saved as: community, programme (or 全部服务) and link id. */
export function posterFileName(link: Link, kind: 'png' | 'pdf'): string {
  return `${link.communityName}-${link.programTitle ?? '全部服务'}-${link.id}.${kind}`;
}
