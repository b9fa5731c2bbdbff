import { placesResponseSchema } from '@minsheng/shared';
import { route } from '../../http/route';
import { listPlaces } from './service';

export const placesRoutes = [
  route({
    method: 'get',
    path: '/api/places',
    summary: 'Streets and communities for the profile form',
    tag: 'places',
    access: { kind: 'public' },
    responses: { 200: { description: 'Streets with their communities', schema: placesResponseSchema } },
    handler: async (ctx) => {
      ctx.body = await listPlaces();
    },
  }),
];
