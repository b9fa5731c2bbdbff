import { objectIdSchema, programListQuerySchema, programListResponseSchema, programSchema, type Program, type ProgramKind } from '@minsheng/shared';
import { z } from 'zod';
import { route } from '../../http/route';
import { presentProgram } from './presenter';
import { getProgram, listPrograms } from './service';

/** Each catalog read is presented once: every request it serves gets the same items (see listPrograms). */
const presented = new WeakMap<object, { items: Program[] }>();

async function presentedCatalog(kind: ProgramKind | undefined): Promise<{ items: Program[] }> {
  const catalog = await listPrograms(kind);
  let body = presented.get(catalog);
  if (!body) {
    body = { items: catalog.programs.map((p) => presentProgram(p, catalog.free.get(String(p._id)) ?? null)) };
    presented.set(catalog, body);
  }
  return body;
}

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
      ctx.body = await presentedCatalog(query.kind);
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
