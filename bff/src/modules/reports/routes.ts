import { PassThrough } from 'node:stream';
import { exportQuerySchema, statsQuerySchema, statsResponseSchema } from '@minsheng/shared';
import { z } from 'zod';
import { route } from '../../http/route';
import { ALL_STAFF } from '../staff/routes';
import { attachment } from '../../http/attachment';
import { audit } from '../audit/service';
import { EXPORT_CONTENT_TYPES, computeStats, prepareExport, streamExport } from './service';

export const reportRoutes = [
  route({
    method: 'get',
    path: '/api/admin/stats',
    summary: 'Figures for the bureau: counts by service, status, street, community and month; approval rate; time to decision; money',
    tag: 'reports',
    access: ALL_STAFF,
    query: statsQuerySchema,
    responses: {
      200: {
        description: 'Statistics of the applications the caller may see (an officer: own communities only)',
        schema: statsResponseSchema,
      },
    },
    handler: async (ctx, { query, staff }) => {
      ctx.body = await computeStats(query, staff);
    },
  }),
  route({
    method: 'get',
    path: '/api/admin/export',
    summary: 'Download the filtered applications as an Excel workbook or CSV (ID numbers and mobiles masked)',
    tag: 'reports',
    access: ALL_STAFF,
    query: exportQuerySchema,
    responses: {
      200: {
        description:
          'The file as an attachment named applications-YYYY-MM-DD.xlsx (format=xlsx, the default) or .csv (format=csv, UTF-8 with a BOM), streamed from the first row. Rows are not sorted: they come in the order the database reads them (on the embedded engine, the order the applications were stored), so the download starts without a sort of every match.',
        schema: z.string().meta({ format: 'binary' }),
        contentType: [EXPORT_CONTENT_TYPES.xlsx, EXPORT_CONTENT_TYPES.csv],
      },
    },
    handler: async (ctx, { query, staff: viewer }) => {
      const { format, ...filter } = query;
      const job = await prepareExport(filter, format, viewer, ctx.deps.pii);
      // A bulk read of personal data: who, when and what, like an ID reveal.
      await audit(viewer, {
        action: 'export',
        reason: `导出申请（${format}）`,
        filters: { ...filter, ...(filter.q ? { q: '[search]' } : {}) },
      });
      const out = new PassThrough();
      ctx.set('Content-Disposition', attachment(job.filename));
      ctx.set('Cache-Control', 'no-store');
      ctx.type = job.contentType;
      ctx.body = out;
      streamExport(job, out, { logger: ctx.deps.logger, requestId: ctx.state.requestId, staffId: viewer.id });
    },
  }),
];
