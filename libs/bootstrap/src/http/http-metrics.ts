import { DURATION_BUCKETS_SECONDS, sharedHistogram } from '@pac/messaging';
import type { FastifyInstance } from 'fastify';

const requestDuration = sharedHistogram({
  name: 'http_request_duration_seconds',
  help: 'HTTP requests answered, by method, route template (never the raw path) and status',
  labelNames: ['method', 'route', 'status'] as const,
  buckets: DURATION_BUCKETS_SECONDS,
});

/**
 * One observation per answered request. The route is Fastify's template (`/v1/tenants/:tenantId`), so the
 * series stay bounded whatever paths clients send; a path no route matches is `unmatched`. Probes and scrapes
 * are left out, like the request log leaves them out.
 */
export function measureRequests(fastify: FastifyInstance): void {
  fastify.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    if (route === '/metrics' || route.startsWith('/health')) return;
    requestDuration.observe(
      { method: request.method, route, status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });
}
