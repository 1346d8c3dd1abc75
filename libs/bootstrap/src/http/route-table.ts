/**
 * The routes an app serves, by path pattern, to tell an unknown path (404 `route-not-found`) from a known path
 * asked with a method it does not have (405 `method-not-allowed`, the methods it has in `allow`). Fastify
 * answers both with its not-found handler; it is only asked on that path, so a list scan is enough.
 *
 * Patterns are Fastify's: `:name` matches one path segment, `*` the rest of the path. Catch-all routes (`*`,
 * e.g. the CORS preflight) and OPTIONS routes are left out: they would make every path "known".
 */
export class RouteTable {
  private readonly routes: Array<{ method: string; path: RegExp }> = [];

  add(method: string | readonly string[], url: string): void {
    if (url === '*' || url === '/*') return;
    const path = patternOf(url);
    for (const one of typeof method === 'string' ? [method] : method) {
      if (one !== 'OPTIONS') this.routes.push({ method: one, path });
    }
  }

  /** The methods `path` (without its query) is served with, in the order the routes were added. */
  methodsOf(path: string): string[] {
    const methods = new Set<string>();
    for (const route of this.routes) if (route.path.test(path)) methods.add(route.method);
    return [...methods];
  }
}

function patternOf(url: string): RegExp {
  const parts = url.split(/(:[A-Za-z0-9_]+(?:\([^)]*\))?|\*)/).map((part) => {
    if (part === '*') return '.*';
    if (part.startsWith(':')) return '[^/]+';
    return part.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
  });
  return new RegExp(`^${parts.join('')}$`);
}
