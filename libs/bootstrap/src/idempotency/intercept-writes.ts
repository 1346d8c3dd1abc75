import { RequestMethod, type NestInterceptor } from '@nestjs/common';
import { INTERCEPTORS_METADATA, METHOD_METADATA } from '@nestjs/common/constants';
import type { ModulesContainer } from '@nestjs/core';
import { IDEMPOTENT_WRITE_METHODS } from '@pac/http-contracts';

/**
 * Puts `interceptor` on every write route (POST, PUT, PATCH, DELETE, ALL) of every controller of the app,
 * as `@UseInterceptors(interceptor)` on each handler would, and on no read route. A global interceptor
 * (APP_INTERCEPTOR) would do the same for writes, but Nest runs its interceptor chain (rxjs, two
 * AsyncResource.bind) on every request of the app, reads included, where it cost more CPU than the whole
 * rest of the tenant service's work on a page of GET /tenants (docs/benchmarks.md, issue 3).
 *
 * Call it while the providers are made (a factory provider): routes are registered after, in app.init().
 */
export function interceptWrites(modules: ModulesContainer, interceptor: NestInterceptor): number {
  let routes = 0;
  for (const module of modules.values()) {
    for (const wrapper of module.controllers.values()) {
      const prototype = (wrapper.metatype as { prototype?: object } | null)?.prototype;
      if (!prototype) continue;
      for (const name of Object.getOwnPropertyNames(prototype)) {
        const handler = Object.getOwnPropertyDescriptor(prototype, name)?.value as unknown;
        if (typeof handler !== 'function' || !isWriteRoute(handler)) continue;
        const current = (Reflect.getMetadata(INTERCEPTORS_METADATA, handler) ?? []) as unknown[];
        if (current.includes(interceptor)) continue;
        Reflect.defineMetadata(INTERCEPTORS_METADATA, [interceptor, ...current], handler);
        routes += 1;
      }
    }
  }
  return routes;
}

function isWriteRoute(handler: object): boolean {
  const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
  if (method === undefined) return false;
  return method === RequestMethod.ALL || IDEMPOTENT_WRITE_METHODS.has(RequestMethod[method]);
}
