import { z } from 'zod';
import { databaseReady } from '../../db/connection';
import { AppError } from '../../errors';
import { route, type AnyRoute } from '../../http/route';

/** Health, readiness and the API document; `allRoutes` is filled in by createApp. */
export function systemRoutes(document: () => object): AnyRoute[] {
  return [
    route({
      method: 'get',
      path: '/healthz',
      summary: 'Liveness: the process answers',
      tag: 'system',
      access: { kind: 'public' },
      responses: { 200: { description: 'Alive', schema: z.object({ status: z.literal('ok') }) } },
      handler: async (ctx) => {
        ctx.body = { status: 'ok' };
      },
    }),
    route({
      method: 'get',
      path: '/readyz',
      summary: 'Readiness: the database answers',
      tag: 'system',
      access: { kind: 'public' },
      responses: {
        200: { description: 'Ready', schema: z.object({ status: z.literal('ready'), database: z.literal('up') }) },
        503: { description: 'The database is unreachable' },
      },
      handler: async (ctx) => {
        if (!(await databaseReady())) throw new AppError('SERVICE_UNAVAILABLE', '数据库暂时无法访问');
        ctx.body = { status: 'ready', database: 'up' };
      },
    }),
    route({
      method: 'get',
      path: '/api/openapi.json',
      summary: 'This API as an OpenAPI 3.1 document',
      tag: 'system',
      access: { kind: 'public' },
      responses: { 200: { description: 'OpenAPI document', schema: z.record(z.string(), z.unknown()) } },
      handler: async (ctx) => {
        ctx.body = document();
      },
    }),
  ];
}
