import cors from '@koa/cors';
import Router from '@koa/router';
import Koa from 'koa';
import compose from 'koa-compose';
import helmet from 'koa-helmet';
import type { Config } from './config';
import type { AppContext, AppContextExtras, AppState, Deps } from './http/context';
import { allowedMethods, resourceTable } from './http/methods';
import { buildOpenApi } from './http/openapi';
import { cachePolicy, routeChain, type Access, type AnyRoute } from './http/route';
import { createLogger, type Logger } from './logger';
import { authenticate } from './middleware/auth';
import { clientAddress } from './middleware/client-address';
import { errorHandler } from './middleware/errors';
import { jsonBody } from './middleware/json-body';
import { applicationRoutes } from './modules/applications/routes';
import { assistedRoutes } from './modules/assisted/routes';
import { auditRoutes } from './modules/audit/routes';
import { certificateResidentRoutes, certificateStaffRoutes } from './modules/certificates/routes';
import { linkRoutes } from './modules/links/routes';
import { materialRoutes } from './modules/materials/routes';
import { notificationRoutes } from './modules/notifications/routes';
import { communityAdminRoutes } from './modules/communities/admin-routes';
import { communityRoutes } from './modules/communities/routes';
import { programAdminRoutes } from './modules/programs/admin-routes';
import { programRoutes } from './modules/programs/routes';
import { reportRoutes } from './modules/reports/routes';
import { residentRoutes } from './modules/residents/routes';
import { reviewRoutes } from './modules/review/routes';
import { staffRoutes } from './modules/staff/routes';
import { principalFromToken, requireRole } from './modules/staff/service';
import { systemRoutes } from './modules/system/routes';
import { createPiiCipher } from './security/pii';
import { createTokenService, type TokenClaims } from './security/tokens';
import type { WechatClient } from './wechat/client';

export interface AppOptions {
  config: Config;
  wechat: WechatClient;
  logger?: Logger;
}

export type App = Koa<AppState, AppContextExtras> & { routes: readonly AnyRoute[] };

/** Every route of the API, in one list: the router, the auth matrix and the OpenAPI document read it. */
export function apiRoutes(): AnyRoute[] {
  let document: object | undefined;
  const routes: AnyRoute[] = [];
  routes.push(
    ...systemRoutes(() => (document ??= buildOpenApi(routes))),
    ...communityRoutes,
    ...programRoutes,
    ...residentRoutes,
    ...materialRoutes,
    ...applicationRoutes,
    ...staffRoutes,
    ...reviewRoutes,
    ...programAdminRoutes,
    ...reportRoutes,
    ...auditRoutes,
    ...communityAdminRoutes,
    ...linkRoutes,
    ...notificationRoutes,
    ...assistedRoutes,
    ...certificateResidentRoutes,
    ...certificateStaffRoutes,
  );
  return routes;
}

async function staffAuth(ctx: AppContext, token: string, access: Access): Promise<TokenClaims> {
  const { principal, claims } = await principalFromToken(token, ctx.deps.tokens);
  if (access.kind === 'staff') requireRole(principal, access.roles);
  ctx.state.staff = principal;
  return claims;
}

/** Builds the Koa app without listening, for the server and for HTTP tests. */
export function createApp(options: AppOptions): App {
  const { config } = options;
  const deps: Deps = {
    config,
    logger: options.logger ?? createLogger(config.LOG_LEVEL),
    pii: createPiiCipher(config.PII_KEY),
    tokens: createTokenService(config.TOKEN_SECRET, {
      resident: config.RESIDENT_TOKEN_TTL_SECONDS,
      staff: config.STAFF_TOKEN_TTL_SECONDS,
    }),
    wechat: options.wechat,
  };

  const app = new Koa<AppState, AppContextExtras>({ proxy: false }) as App;
  app.context.deps = deps;
  app.silent = true;

  const routes = apiRoutes();
  const router = new Router<AppState, AppContextExtras>();
  const resources = resourceTable(routes);
  for (const spec of routes) {
    const chain = compose<AppContext>([...cachePolicy(spec.access), authenticate(spec.access, staffAuth), ...routeChain(spec)]);
    router[spec.method](spec.path, (ctx, next) => (resources.owns(spec, ctx.path) ? chain(ctx, next) : next()));
  }

  app.use(errorHandler);
  app.use(clientAddress(config.TRUSTED_PROXIES));
  app.use(helmet({ contentSecurityPolicy: { directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } } }));
  app.use(
    cors({
      origin: (ctx) => {
        const origin = ctx.get('origin');
        return config.CORS_ORIGINS.includes(origin) ? origin : '';
      },
      allowHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'X-Request-Id'],
      exposeHeaders: ['X-Request-Id', 'Idempotent-Replayed', 'Retry-After', 'Content-Disposition'],
      maxAge: 600,
    }),
  );
  app.use(jsonBody(config.JSON_BODY_LIMIT));
  app.use(allowedMethods(resources.methodsAt));
  app.use(router.routes());
  Object.defineProperty(app, 'routes', { value: routes });
  return app;
}
