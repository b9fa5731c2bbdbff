import {
  adminProgramListQuerySchema,
  createProgramRequestSchema,
  objectIdSchema,
  programListResponseSchema,
  programSchema,
  updateProgramRequestSchema,
} from '@minsheng/shared';
import { z } from 'zod';
import { route } from '../../http/route';
import { ADMIN_ONLY, ALL_STAFF } from '../staff/routes';
import { createProgram, listAllPrograms, updateProgram } from './admin-service';
import { presentProgram } from './presenter';

/**
 * Staff's side of the catalog. There is deliberately no DELETE: a programme
 * with applications can be closed but not deleted. Closing (PATCH status
 * closed) takes it out of the residents' catalog and stops new applications;
 * existing applications go on to their end.
 */
export const programAdminRoutes = [
  route({
    method: 'get',
    path: '/api/admin/programs',
    summary: 'Every programme, closed ones too, with stalls or seats in total and left',
    tag: 'programs',
    access: ALL_STAFF,
    query: adminProgramListQuerySchema,
    responses: { 200: { description: 'The programmes', schema: programListResponseSchema } },
    handler: async (ctx, { query }) => {
      const { programs, free } = await listAllPrograms(query);
      ctx.body = { items: programs.map((p) => presentProgram(p, free.get(String(p._id)) ?? null)) };
    },
  }),
  route({
    method: 'post',
    path: '/api/admin/programs',
    summary: 'Create a programme of any kind; parks and classes with their stalls or seats',
    tag: 'programs',
    access: ADMIN_ONLY,
    body: createProgramRequestSchema,
    responses: {
      201: { description: 'The new programme', schema: programSchema },
      409: { description: 'The code is in use' },
    },
    handler: async (ctx, { body }) => {
      const { program, free } = await createProgram(body);
      ctx.status = 201;
      ctx.body = presentProgram(program, free);
    },
  }),
  route({
    method: 'patch',
    path: '/api/admin/programs/:id',
    summary: 'Change texts, rules, materials, details, window or status (close instead of delete); add places or remove free ones',
    tag: 'programs',
    access: ADMIN_ONLY,
    params: z.strictObject({ id: objectIdSchema }),
    body: updateProgramRequestSchema,
    responses: {
      200: { description: 'The programme after the change', schema: programSchema },
      404: { description: 'No such programme' },
      409: { description: 'Removing places that are held by applications' },
    },
    handler: async (ctx, { params, body }) => {
      const { program, free } = await updateProgram(params.id, body);
      ctx.body = presentProgram(program, free);
    },
  }),
];
