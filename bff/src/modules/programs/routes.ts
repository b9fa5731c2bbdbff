import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { programListQuerySchema, programListResponseSchema, programSchema, type Program, type ProgramKind } from '@minsheng/shared';
import { idParams } from '../../http/params';
import { route } from '../../http/route';
import { presentProgram } from './presenter';
import { getProgram, listPrograms } from './service';

/** A catalog read as sent: serialised once, with an entity tag for conditional requests. */
interface CatalogBody {
  bytes: Buffer;
  /** The same bytes gzipped once, for phones on mobile networks (9 KB → about 2 KB). */
  gzipped: Buffer;
  /** The content's hash: the entity tag of the plain bytes, and with "-gz" of the gzipped ones. */
  tag: string;
}

/** Each catalog read is presented and serialised once: every request it serves gets the same bytes (see listPrograms). */
const presented = new WeakMap<object, CatalogBody>();

async function presentedCatalog(kind: ProgramKind | undefined): Promise<CatalogBody> {
  const catalog = await listPrograms(kind);
  let body = presented.get(catalog);
  if (!body) {
    const items: Program[] = catalog.programs.map((p) => presentProgram(p, catalog.free.get(String(p._id)) ?? null));
    const bytes = Buffer.from(JSON.stringify({ items }));
    const tag = createHash('sha256').update(bytes).digest('base64url').slice(0, 27);
    body = { bytes, gzipped: gzipSync(bytes), tag };
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
      const catalog = await presentedCatalog(query.kind);
      const gzip = ctx.acceptsEncodings('gzip', 'identity') === 'gzip';
      // Phones that already hold this catalog get 304 and no body: places left change, so always revalidate.
      ctx.set('Cache-Control', 'no-cache');
      ctx.vary('Accept-Encoding');
      ctx.set('ETag', gzip ? `"${catalog.tag}-gz"` : `"${catalog.tag}"`);
      ctx.status = 200; // Koa judges freshness only for a 2xx answer
      if (ctx.fresh) {
        ctx.status = 304;
        return;
      }
      ctx.type = 'application/json';
      if (gzip) ctx.set('Content-Encoding', 'gzip');
      ctx.body = gzip ? catalog.gzipped : catalog.bytes;
    },
  }),
  route({
    method: 'get',
    path: '/api/programs/:id',
    summary: 'One programme with its rules, materials, window and places left',
    tag: 'programs',
    access: { kind: 'public' },
    params: idParams,
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
