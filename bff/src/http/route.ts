import type { Next } from 'koa';
import { type z } from 'zod';
import { AppError, malformed, unauthenticated, validationFailed } from '../errors';
import type { AppContext, ResidentPrincipal, StaffPrincipal, StaffRole } from './context';
import { zodFieldErrors } from './zod-errors';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** Who may call a route: anyone, a logged-in resident, or staff of the given roles. */
export type Access = { kind: 'public' } | { kind: 'resident' } | { kind: 'staff'; roles: readonly StaffRole[] };

/** What a handler is told about its caller, by the route's access: nothing, the resident, or the staff member. */
export type Caller<A extends Access> = A extends { kind: 'resident' }
  ? { resident: ResidentPrincipal; staff?: never }
  : A extends { kind: 'staff' }
    ? { staff: StaffPrincipal; resident?: never }
    : { resident?: never; staff?: never };

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

/** Middleware of one route, run after authentication with the caller already known. */
export type BeforeHandler<A extends Access> = (ctx: AppContext, next: Next, caller: Caller<A>) => Promise<unknown>;

export interface RouteSpec<
  P extends Shape = Shape,
  Q extends Shape = Shape,
  B extends Shape = Shape,
  H extends Shape = Shape,
  A extends Access = Access,
> {
  method: HttpMethod;
  /** Koa-style path, e.g. /api/applications/:id */
  path: string;
  summary: string;
  tag: string;
  access: A;
  /**
   * The community the request is about (a filter or the community a thing is made for), for staff routes:
   * one outside the caller's scope is refused with 403 before the handler runs. `undefined`: none named.
   */
  community?: (input: RouteInput<P, Q, B, H>) => string | undefined;
  params?: P;
  query?: Q;
  body?: B;
  /** multipart bodies are parsed by `before` middleware; `body` then documents the form fields. */
  bodyType?: 'json' | 'multipart';
  headers?: H;
  /** Middleware run after authentication and before validation (e.g. multipart parsing). */
  before?: BeforeHandler<A>[];
  responses: Record<number, ResponseSpec>;
  handler: (ctx: AppContext, input: RouteInput<P, Q, B, H> & Caller<A>) => Promise<void>;
}

export type AnyRoute = RouteSpec<Shape, Shape, Shape, Shape, Access>;

/** Declares a route; the spec drives the router, validation, auth and the OpenAPI document. */
export function route<
  P extends Shape = undefined,
  Q extends Shape = undefined,
  B extends Shape = undefined,
  H extends Shape = undefined,
  A extends Access = Access,
>(spec: RouteSpec<P, Q, B, H, A>): AnyRoute {
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

/** The caller authentication left on the request, as the route's access promises it to the handler. */
function callerOf(access: Access, ctx: AppContext): Caller<Access> {
  if (access.kind === 'public') return {};
  const { resident, staff } = ctx.state;
  if (access.kind === 'resident' && resident) return { resident };
  if (access.kind === 'staff' && staff) return { staff };
  throw unauthenticated();
}

/**
 * Every answer to a caller who had to sign in, refusals included, is about that caller or the residents staff serve
 * (profiles, applications, the queue, assisted residents, exports): no shared cache, browser cache or back-forward cache
 * may keep a copy. Public answers (the catalog, communities, link landings) keep their own caching (ETag).
 */
export function cachePolicy(access: Access): ((ctx: AppContext, next: Next) => Promise<unknown>)[] {
  if (access.kind === 'public') return [];
  return [
    async (ctx, next) => {
      ctx.set('Cache-Control', 'no-store');
      return next();
    },
  ];
}

/**
 * The middleware of one route after authentication: its `before` hooks, then
 * validation, the community check, and the handler, each given the caller.
 */
export function routeChain(spec: AnyRoute): ((ctx: AppContext, next: Next) => Promise<unknown>)[] {
  const before = (spec.before ?? []).map((hook) => (ctx: AppContext, next: Next) => hook(ctx, next, callerOf(spec.access, ctx)));
  const run = async (ctx: AppContext): Promise<void> => {
    const caller = callerOf(spec.access, ctx);
    const input = validateInput(spec, ctx);
    const community = spec.community?.(input);
    if (community !== undefined) {
      // A route naming a community is a staff route; anyone else naming one has no scope to be inside.
      if (!caller.staff) throw unauthenticated();
      caller.staff.scope.require(community);
    }
    await spec.handler(ctx, { ...input, ...caller });
  };
  return [...before, run];
}
