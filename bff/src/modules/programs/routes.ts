import { objectIdSchema, programListQuerySchema, programListResponseSchema, programSchema } from '@minsheng/shared';
import { z } from 'zod';
import { route } from '../../http/route';
import { presentProgram } from './presenter';
import { getProgram, listPrograms } from './service';

export const programRoutes = [
  route({
    method: 'get',
    path: '/api/programs',
    summary: 'The catalog: parks with stalls, loans, classes with seats, subsidy schemes',
    tag: 'programs',
    access: { kind: 'public' },
    query: programListQuerySchema,
    responses: { 200: { description: 'Open programmes', schema: programListResponseSchema } },
    handler: async (ctx, { query }) => {
      const { programs, free } = await listPrograms(query.kind);
      ctx.body = { items: programs.map((p) => presentProgram(p, free.get(String(p._id)) ?? null)) };
    },
  }),
  route({
    method: 'get',
    path: '/api/programs/:id',
    summary: 'One programme with its rules, materials, window and places left',
    tag: 'programs',
    access: { kind: 'public' },
    params: z.strictObject({ id: objectIdSchema }),
    responses: {
      200: { description: 'The programme', schema: programSchema },
      404: { description: 'No such programme' },
    },
    handler: async (ctx, { params }) => {
      const { program, free } = await getProgram(params.id);
      ctx.body = presentProgram(program, free);
    },
  }),
];
