import type { CommunityAdmin, CreateCommunityRequest, UpdateCommunityRequest } from '@minsheng/shared';
import { forgetCommunityDirectory } from './communities';
import { staffRequest } from './staff';

// 社区（村）管理: an administrator registers a community or village station, renames it, moves it to another
// street, retypes, deactivates and reactivates it (GET/POST /api/admin/communities, PATCH /api/admin/communities/:id).
// After a change the directory the other screens cached is read again, so that they show it.

/** Every community, inactive ones too, by street and name (the BFF's order). */
export async function listAdminCommunities(): Promise<CommunityAdmin[]> {
  const { items } = await staffRequest<{ items: CommunityAdmin[] }>({ path: '/api/admin/communities' });
  return items;
}

/** Registers a community; its code is unique and never changes. */
export async function createCommunity(request: CreateCommunityRequest): Promise<CommunityAdmin> {
  const created = await staffRequest<CommunityAdmin>({ method: 'POST', path: '/api/admin/communities', data: { ...request } });
  forgetCommunityDirectory();
  return created;
}

/** Changes a community's name, street or type, or deactivates / reactivates it. */
export async function updateCommunity(id: string, change: UpdateCommunityRequest): Promise<CommunityAdmin> {
  const updated = await staffRequest<CommunityAdmin>({
    method: 'PATCH',
    path: `/api/admin/communities/${encodeURIComponent(id)}`,
    data: { ...change },
  });
  forgetCommunityDirectory();
  return updated;
}
