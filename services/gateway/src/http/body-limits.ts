import type { NestFastifyApplication } from '@nestjs/platform-fastify';

/**
 * A larger body limit on some paths than the gateway's BODY_LIMIT_BYTES (the telemetry batches: 1 MB).
 * Called before the routes are registered (before listen): Fastify reads a route's bodyLimit when it is added.
 */
export function allowLargerBodies(
  app: NestFastifyApplication,
  paths: readonly string[],
  bytes: number,
): void {
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRoute', (route) => {
      if (paths.includes(route.url)) route.bodyLimit = Math.max(route.bodyLimit ?? 0, bytes);
    });
}
