import type { Next } from 'koa';
import { type z } from 'zod';
import { AppError, malformed, unauthenticated, validationFailed } from '../errors';
import type { AppContext, StaffRole } from './context';
import { zodFieldErrors } from './zod-errors';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** Who may call a route: anyone, a logged-in resident, or staff of the given roles. */
export type Access = { kind: 'public' } | { kind: 'resident' } | { kind: 'staff'; roles: readonly StaffRole[] };

export interface ResponseSpec {
  description: string;
  schema?: z.ZodType;
  /** Defaults to application/json; several when the client chooses (e.g. xlsx or csv). */
  contentType?: string | readonly string[];
}

type Shape = z.ZodType | undefined;
type Out<S extends Shape> = S extends z.ZodType ? z.output<S> : undefined;

export interface RouteInput<P extends Shape, Q extends Shape, B extends Shape, H extends Shape> {
  params: Out<P>;
  query: Out<Q>;
  body: Out<B>;
  headers: Out<H>;
}

export interface RouteSpec<P extends Shape = Shape, Q extends Shape = Shape, B extends Shape = Shape, H extends Shape = Shape> {
  method: HttpMethod;
  /** Koa-style path, e.g. /api/applications/:id */
  path: string;
  summary: string;
  tag: string;
  access: Access;
  params?: P;
  query?: Q;
  body?: B;
  /** multipart bodies are parsed by `before` middleware; `body` then documents the form fields. */
  bodyType?: 'json' | 'multipart';
  headers?: H;
  /** Middleware run after authentication and before validation (e.g. multipart parsing). */
  before?: ((ctx: AppContext, next: Next) => Promise<unknown>)[];
  responses: Record<number, ResponseSpec>;
  handler: (ctx: AppContext, input: RouteInput<P, Q, B, H>) => Promise<void>;
}

export type AnyRoute = RouteSpec<Shape, Shape, Shape, Shape>;

/** Declares a route; the spec drives the router, validation, auth and the OpenAPI document. */
export function route<P extends Shape = undefined, Q extends Shape = undefined, B extends Shape = undefined, H extends Shape = undefined>(
  spec: RouteSpec<P, Q, B, H>,
): AnyRoute {
  return spec as unknown as AnyRoute;
}

function parsePart(schema: z.ZodType | undefined, value: unknown, prefix: string): unknown {
  if (!schema) return undefined;
  const result = schema.safeParse(value);
  if (!result.success) throw validationFailed(zodFieldErrors(result.error, prefix));
  return result.data;
}

/** Validates params, query, headers and body against the route's schemas. */
export function validateInput(spec: AnyRoute, ctx: AppContext): RouteInput<Shape, Shape, Shape, Shape> {
  const params = parsePart(spec.params, ctx.params, '');
  const query = parsePart(spec.query, { ...ctx.query }, '');
  const headers = parsePart(spec.headers, ctx.headers, '');
  let body: unknown;
  if (spec.body) {
    if (spec.bodyType !== 'multipart') {
      if (!ctx.request.is('application/json')) {
        throw new AppError('UNSUPPORTED_MEDIA_TYPE', '请以 JSON 格式提交（Content-Type: application/json）');
      }
      if (ctx.request.body === undefined) throw malformed('缺少请求内容');
    }
    body = parsePart(spec.body, ctx.request.body, '');
  }
  return { params, query, body, headers } as RouteInput<Shape, Shape, Shape, Shape>;
}

export function requireResident(ctx: AppContext): string {
  const resident = ctx.state.resident;
  if (!resident) throw unauthenticated();
  return resident.id;
}
