/**
 * Internal paths of the services' HTTP APIs. They mirror the public API without its version prefix:
 * `GET /v1/tenants/{tenantId}/environments` is `GET /tenants/{tenantId}/environments` on the tenant service.
 */

/** The version prefix of every public route; the services' routes have none. */
export const PUBLIC_PREFIX = '/v1';

/** The internal route of a public route (Fastify's pattern, `:name` for a parameter). */
export function internalRoute(publicRoute: string): string {
  if (!publicRoute.startsWith(`${PUBLIC_PREFIX}/`)) {
    throw new Error(`${publicRoute} is not a public route (${PUBLIC_PREFIX}/...)`);
  }
  return publicRoute.slice(PUBLIC_PREFIX.length);
}

/** Routes already split into literal parts and parameter names: a route's shape is worked out once. */
const compiled = new Map<string, Array<{ literal: string } | { param: string }>>();

/**
 * A route with its parameters filled in, each one encoded: a path parameter never reaches a service raw
 * (`a/b` stays one segment, `..` cannot climb). A parameter without a value is an error of the caller's code.
 */
export function fillRoute(route: string, params: Readonly<Record<string, string | undefined>>): string {
  let parts = compiled.get(route);
  if (!parts) {
    parts = route
      .split(/(:[A-Za-z0-9_]+)/)
      .filter((part) => part.length > 0)
      .map((part) => (part.startsWith(':') ? { param: part.slice(1) } : { literal: part }));
    compiled.set(route, parts);
  }
  let path = '';
  for (const part of parts) {
    if ('literal' in part) {
      path += part.literal;
      continue;
    }
    const value = params[part.param];
    if (value === undefined) throw new Error(`${route}: no value for :${part.param}`);
    path += encodeURIComponent(value);
  }
  return path;
}
