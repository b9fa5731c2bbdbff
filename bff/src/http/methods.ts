import type { Next } from 'koa';
import type { AppContext } from './context';
import type { AnyRoute } from './route';

interface Resource {
  pattern: RegExp;
  methods: Set<string>;
}

function patternOf(path: string): RegExp {
  const escaped = path
    .split('/')
    .map((part) => (part.startsWith(':') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  return new RegExp(`^${escaped}$`);
}

/**
 * The resources of the route list, by path: which methods each answers. A literal path beats a parameterised one
 * that also matches it (`/api/admin/applications/search` is not an application id), so the router and the
 * `Allow` header agree with the OpenAPI document, where the two are different resources.
 */
export function resourceTable(routes: readonly AnyRoute[]): {
  /** The methods the resource at `path` answers, or undefined for no resource there. */
  methodsAt: (path: string) => Set<string> | undefined;
  /** Whether a request for `path` belongs to the route `spec` (false: a literal route owns that path). */
  owns: (spec: AnyRoute, path: string) => boolean;
} {
  const literal = new Map<string, Set<string>>();
  const parameterised = new Map<string, Resource>();
  for (const r of routes) {
    const method = r.method.toUpperCase();
    if (!r.path.includes(':')) {
      literal.set(r.path, (literal.get(r.path) ?? new Set()).add(method));
      continue;
    }
    const resource = parameterised.get(r.path) ?? { pattern: patternOf(r.path), methods: new Set<string>() };
    resource.methods.add(method);
    parameterised.set(r.path, resource);
  }
  return {
    methodsAt(path) {
      const exact = literal.get(path);
      if (exact) return exact;
      const methods = new Set<string>();
      for (const resource of parameterised.values()) {
        if (resource.pattern.test(path)) for (const m of resource.methods) methods.add(m);
      }
      return methods.size > 0 ? methods : undefined;
    },
    owns(spec, path) {
      return !spec.path.includes(':') || !literal.has(path);
    },
  };
}

/** `Allow` for a resource's methods: HEAD answers wherever GET does, OPTIONS everywhere. */
function allowHeader(methods: Set<string>): string {
  const all = [...methods];
  if (methods.has('GET')) all.push('HEAD');
  all.push('OPTIONS');
  return all.join(', ');
}

/**
 * After the router, for a request no route answered: OPTIONS on a resource is 204 with `Allow`; another method
 * the resource does not answer (TRACE and other methods no route uses included) is 405 with `Allow` (the error
 * handler gives it the JSON body). A path with no resource stays a 404.
 */
export function allowedMethods(methodsAt: (path: string) => Set<string> | undefined) {
  return async (ctx: AppContext, next: Next): Promise<void> => {
    await next();
    if (ctx.status !== 404 || ctx.body !== undefined) return;
    const methods = methodsAt(ctx.path);
    if (!methods) return;
    ctx.set('Allow', allowHeader(methods));
    ctx.status = ctx.method === 'OPTIONS' ? 204 : 405;
  };
}
