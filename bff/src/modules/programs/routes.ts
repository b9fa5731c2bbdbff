import { createHash } from 'node:crypto';
import { objectIdSchema, programListQuerySchema, programListResponseSchema, programSchema, type Program, type ProgramKind } from '@minsheng/shared';
import { z } from 'zod';
import { route } from '../../http/route';
import { presentProgram } from './presenter';
import { getProgram, listPrograms } from './service';

/** A catalog read as sent: serialised once, with an entity tag for conditional requests. */
interface CatalogBody {
  bytes: Buffer;
  etag: string;
}

/** Each catalog read is presented and serialised once: every request it serves gets the same bytes (see listPrograms). */
const presented = new WeakMap<object, CatalogBody>();

async function presentedCatalog(kind: ProgramKind | undefined): Promise<CatalogBody> {
  const catalog = await listPrograms(kind);
  let body = presented.get(catalog);
  if (!body) {
    const items: Program[] = catalog.programs.map((p) => presentProgram(p, catalog.free.get(String(p._id)) ?? null));
    const bytes = Buffer.from(JSON.stringify({ items }));
    body = { bytes, etag: `"${createHash('sha256').update(bytes).digest('base64url').slice(0, 27)}"` };
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
    responses: {
      200: { description: 'Open programmes', schema: programListResponseSchema },
      304: { description: "Unchanged since the catalog whose ETag the request's If-None-Match names" },
    },
    handler: async (ctx, { query }) => {
      const { bytes, etag } = await presentedCatalog(query.kind);
      // Phones that already hold this catalog get 304 and no body: places left change, so always revalidate.
      ctx.set('Cache-Control', 'no-cache');
      ctx.set('ETag', etag);
      ctx.status = 200; // Koa judges freshness only for a 2xx answer
      if (ctx.fresh) {
        ctx.status = 304;
        return;
      }
      ctx.type = 'application/json';
      ctx.body = bytes;
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
