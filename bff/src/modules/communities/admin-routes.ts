import {
  communityAdminSchema,
  communityListResponseSchema,
  createCommunityRequestSchema,
  updateCommunityRequestSchema,
} from '@minsheng/shared';
import { idParams } from '../../http/params';
import { route } from '../../http/route';
import { ADMIN_ONLY, ALL_STAFF } from '../staff/routes';
import { createCommunity, listCommunities, updateCommunity } from './admin-service';

/**
 * The communities registry. No DELETE: profiles, applications, staff and
 * links name communities by code, so a community is deactivated instead
 * (it leaves the residents' pickers and takes no new links).
 */
export const communityAdminRoutes = [
  route({
    method: 'get',
    path: '/api/admin/communities',
    summary: 'Every community, inactive ones too',
    tag: 'communities',
    access: ALL_STAFF,
    responses: { 200: { description: 'The communities', schema: communityListResponseSchema } },
    handler: async (ctx) => {
      ctx.body = { items: await listCommunities() };
    },
  }),
  route({
    method: 'post',
    path: '/api/admin/communities',
    summary: 'Add a community or village station',
    tag: 'communities',
    access: ADMIN_ONLY,
    body: createCommunityRequestSchema,
    responses: { 201: { description: 'The new community', schema: communityAdminSchema }, 409: { description: 'The code is in use' } },
    handler: async (ctx, { body }) => {
      ctx.status = 201;
      ctx.body = await createCommunity(body);
    },
  }),
  route({
    method: 'patch',
    path: '/api/admin/communities/:id',
    summary: 'Change name, street, type; deactivate or reactivate (the code never changes)',
    tag: 'communities',
    access: ADMIN_ONLY,
    params: idParams,
    body: updateCommunityRequestSchema,
    responses: {
      200: { description: 'The community after the change', schema: communityAdminSchema },
      404: { description: 'No such community' },
    },
    handler: async (ctx, { params, body }) => {
      ctx.body = await updateCommunity(params.id, body);
    },
  }),
];
