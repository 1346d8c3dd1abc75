import { context, propagation, SpanKind, SpanStatusCode, trace, type Span } from '@opentelemetry/api';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { tracingEnabled } from './start-tracing';

const HTTP_TRACER = '@pac/bootstrap/http';
const spans = new WeakMap<FastifyRequest, Span>();

/**
 * One server span per request, child of the caller's `traceparent` (the gateway's, for a service), active
 * while the request is handled: the calls the gateway makes and the events a service writes continue it.
 * Added only when tracing is on; probes and scrapes are left out.
 */
export function traceRequests(fastify: FastifyInstance): void {
  if (!tracingEnabled()) return;
  const tracer = trace.getTracer(HTTP_TRACER);
  fastify.addHook('onRequest', (request, _reply, done) => {
    if (request.url.startsWith('/health') || request.url === '/metrics') return done();
    const parent = propagation.extract(context.active(), request.headers);
    const route = request.routeOptions.url;
    const span = tracer.startSpan(
      `${request.method} ${route ?? 'unmatched'}`,
      {
        kind: SpanKind.SERVER,
        attributes: {
          'http.request.method': request.method,
          'url.path': request.url.split('?')[0]!,
          ...(route ? { 'http.route': route } : {}),
          'http.request.id': request.id,
        },
      },
      parent,
    );
    spans.set(request, span);
    context.with(trace.setSpan(parent, span), done);
  });
  fastify.addHook('onResponse', async (request, reply) => {
    const span = spans.get(request);
    if (!span) return;
    span.setAttribute('http.response.status_code', reply.statusCode);
    if (reply.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
    span.end();
  });
}
