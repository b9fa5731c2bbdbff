import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import { errorBodySchema } from '@minsheng/shared';
import type { AnyRoute } from './route';

/** Koa's /a/:id → OpenAPI's /a/{id}. */
export function openApiPath(path: string): string {
  return path.replace(/:([A-Za-z_]+)/g, '{$1}');
}

/** The OpenAPI 3.1 document, generated from the same route specs that build the router. */
export function buildOpenApi(routes: readonly AnyRoute[]): object {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'resident', {
    type: 'http',
    scheme: 'bearer',
    description: 'Resident token from /api/auth/wechat',
  });
  registry.registerComponent('securitySchemes', 'staff', {
    type: 'http',
    scheme: 'bearer',
    description: 'Staff token from /api/admin/login',
  });

  for (const r of routes) {
    const responses: Record<string, object> = {};
    for (const [status, spec] of Object.entries(r.responses)) {
      const contentTypes = typeof spec.contentType === 'string' ? [spec.contentType] : (spec.contentType ?? ['application/json']);
      const schema = spec.schema ?? (Number(status) >= 400 ? errorBodySchema : undefined);
      responses[status] = schema
        ? { description: spec.description, content: Object.fromEntries(contentTypes.map((type) => [type, { schema }])) }
        : { description: spec.description };
    }
    const generic: Record<string, string> = { '400': 'Invalid input', '500': 'Unexpected error', '503': 'Database unavailable' };
    if (r.access.kind !== 'public') generic['401'] = 'Missing or invalid token';
    if (r.access.kind === 'staff') generic['403'] = 'Role not allowed';
    if (r.body) {
      generic['413'] = 'Body too large';
      generic['415'] = r.bodyType === 'multipart' ? 'Not multipart/form-data, or a file type not accepted' : 'Not application/json';
    }
    for (const [status, description] of Object.entries(generic)) {
      responses[status] ??= { description, content: { 'application/json': { schema: errorBodySchema } } };
    }
    const bodyContentType = r.bodyType === 'multipart' ? 'multipart/form-data' : 'application/json';
    registry.registerPath({
      method: r.method,
      path: openApiPath(r.path),
      summary: r.summary,
      tags: [r.tag],
      ...(r.access.kind === 'public' ? {} : { security: [{ [r.access.kind === 'resident' ? 'resident' : 'staff']: [] }] }),
      request: {
        ...(r.params ? { params: r.params as never } : {}),
        ...(r.query ? { query: r.query as never } : {}),
        ...(r.headers ? { headers: r.headers as never } : {}),
        ...(r.body ? { body: { required: true, content: { [bodyContentType]: { schema: r.body } } } } : {}),
      },
      responses,
    });
  }
  const generator = new OpenApiGeneratorV31(registry.definitions);
  return generator.generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Minsheng (民生) BFF',
      version: '0.1.0',
      description: 'Residents apply for public employment services; district staff review and decide.',
    },
    servers: [{ url: '/' }],
  });
}
