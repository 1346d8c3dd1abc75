import { DURATION_BUCKETS_SECONDS, sharedHistogram } from '@pac/messaging';
import type { FastifyInstance } from 'fastify';
import { register } from 'prom-client';

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
  // Only for benchmarks that measure what the request metrics cost (bench/operations.ts): never set otherwise.
  if (process.env['HTTP_METRICS'] === 'off') return;
  fastify.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    if (route === '/metrics' || route.startsWith('/health')) return;
    requestDuration.observe(
      { method: request.method, route, status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });
}

/** Every series of the process carries `service="<name>"`, whatever labels the scraper adds (alerts group by it). */
export function labelMetricsWith(service: string): void {
  register.setDefaultLabels({ service });
}
