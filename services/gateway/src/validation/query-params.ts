import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';

/**
 * Which query parameters a route accepts, from its handler's parameter decorators:
 * - `@Query() dto`: the DTO decides (the global validation pipe refuses unknown ones): 'dto';
 * - `@Query('name')`: those names only;
 * - no `@Query` at all: none.
 */
export type AcceptedQuery = 'dto' | ReadonlySet<string>;

export function acceptedQuery(controller: object, handlerName: string): AcceptedQuery {
  const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller.constructor, handlerName) ??
    {}) as Record<string, { data?: unknown }>;
  const names = new Set<string>();
  for (const [key, arg] of Object.entries(args)) {
    if (Number(key.split(':')[0]) !== RouteParamtypes.QUERY) continue;
    if (typeof arg.data !== 'string') return 'dto';
    names.add(arg.data);
  }
  return names;
}

/** The query parameters a request sent that its route does not accept. */
export function unknownQueryParams(accepted: AcceptedQuery, query: unknown): string[] {
  if (accepted === 'dto' || query === null || typeof query !== 'object') return [];
  return Object.keys(query).filter((name) => !accepted.has(name));
}
