import { auditPageSchema, auditQuerySchema } from '@minsheng/shared';
import { route } from '../../http/route';
import { ADMIN_ONLY } from '../staff/routes';
import { listAudit } from './service';

export const auditRoutes = [
  route({
    method: 'get',
    path: '/api/admin/audit',
    summary: 'The audit log, newest first: who revealed, opened, exported or changed what, when and why (paged by `after`)',
    tag: 'audit',
    access: ADMIN_ONLY,
    query: auditQuerySchema,
    responses: {
      200: { description: 'A page of entries', schema: auditPageSchema },
      400: { description: 'A filter or the cursor is not valid (the field is named)' },
    },
    handler: async (ctx, { query }) => {
      ctx.body = await listAudit(query);
    },
  }),
];
