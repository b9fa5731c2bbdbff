import { communityDirectorySchema } from '@minsheng/shared';
import { route } from '../../http/route';
import { listCommunityDirectory } from './service';

export const communityRoutes = [
  route({
    method: 'get',
    path: '/api/communities',
    summary: 'Streets and communities for the profile form',
    tag: 'communities',
    access: { kind: 'public' },
    responses: { 200: { description: 'Streets with their communities', schema: communityDirectorySchema } },
    handler: async (ctx) => {
      ctx.body = await listCommunityDirectory();
    },
  }),
];
