import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { InternalTokenVerifier } from '@pac/auth';
import { LogController, type FastifyError, type FastifyReply, type FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { PinoNestLogger } from '../logging/nest-logger';
import { requireInternalToken } from './internal-auth';
import { PROBLEM_CONTENT_TYPE } from './problem';
import { ProblemFilter, toProblem } from './problem.filter';
import { RouteTable } from './route-table';
import { refuseUnstorableInput } from './unstorable-input';
import { createValidationPipe } from './validation.pipe';
import { measureRequests } from './http-metrics';

export interface ServiceAppOptions {
  logger: Logger;
  /** Largest accepted request body; bigger ones get 413 problem+json. */
  bodyLimitBytes?: number;
  /**
   * Headers every answer carries (e.g. the gateway's security headers), by request URL: errors, 404s, hook
   * answers and Fastify's own refusals included.
   */
  answerHeaders?: (url: string) => Record<string, string>;
  /**
   * A domain service: every request but those to `openPaths` must carry the gateway's internal token.
   * The gateway itself authenticates its callers with their own tokens instead.
   */
  internalAuth?: { verifier: InternalTokenVerifier; openPaths: readonly string[] };
  /**
   * Paths whose JSON bodies their route checks field by field, NUL and nesting included (a telemetry batch:
   * flat events, NUL refused): the generic walk for unstorable input (NUL, depth) skips them. On a batch of
   * 1,000 events it was 5 % of the gateway's CPU, spent twice on the same checks.
   */
  bodiesCheckedByTheirRoute?: readonly string[];
}

export const REQUEST_ID_HEADER = 'x-request-id';

/**
 * Builds the Nest application every service runs: Fastify, JSON logs carrying the request id, problem+json
 * errors, one validation policy, and shutdown hooks so consumers leave their groups on SIGTERM.
 */
export async function createServiceApp(
  module: unknown,
  options: ServiceAppOptions,
): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    loggerInstance: options.logger,
    // One line per request is written in onResponse below, instead of Fastify's two.
    logController: new LogController({ disableRequestLogging: true }),
    requestIdHeader: REQUEST_ID_HEADER,
    genReqId: () => randomUUID(),
    bodyLimit: options.bodyLimitBytes ?? 1_048_576,
    keepAliveTimeout: 65_000,
    // What Fastify refuses before any route or hook runs (a path parameter over maxParamLength: 414, a bad
    // percent-encoding: 400) is problem+json too, with the request id, instead of Fastify's own JSON.
    frameworkErrors: (error: FastifyError, request: FastifyRequest, reply: FastifyReply) =>
      answerFrameworkError(error, request, reply.headers(options.answerHeaders?.(request.url) ?? {})),
  });
  const fastify = adapter.getInstance();
  const routes = new RouteTable();
  fastify.addHook('onRoute', (route) => routes.add(route.method, route.url));
  // JSON only (docs/api-conventions.md): Fastify's own JSON parser (with bodyLimit) and nothing else, so that any other body
  // (text/plain, forms, XML) is 415 problem+json instead of reaching validation as a string or a form.
  fastify.removeContentTypeParser('text/plain');
  fastify.addHook('onRequest', async (request, reply) => {
    reply.header(REQUEST_ID_HEADER, request.id);
  });
  const answerHeaders = options.answerHeaders;
  if (answerHeaders) {
    // onSend, not onRequest: it also runs for answers sent from hooks (a CORS preflight, a refused token).
    fastify.addHook('onSend', async (request, reply) => {
      reply.headers(answerHeaders(request.url));
    });
  }
  refuseUnstorableInput(fastify, options.bodiesCheckedByTheirRoute);
  if (options.internalAuth) {
    requireInternalToken(fastify, options.internalAuth.verifier, options.internalAuth.openPaths);
  }
  measureRequests(fastify);
  fastify.addHook('onResponse', async (request, reply) => {
    if (request.url.startsWith('/health') || request.url === '/metrics') return;
    request.log.info(
      {
        method: request.method,
        url: request.url,
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime),
      },
      'request',
    );
  });

  const app = await NestFactory.create<NestFastifyApplication>(module as never, adapter, {
    logger: new PinoNestLogger(options.logger),
    bufferLogs: false,
    // Nest's parsers would add application/x-www-form-urlencoded; Fastify's JSON parser is kept (see above).
    bodyParser: false,
  });
  app.useGlobalFilters(new ProblemFilter(routes));
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();
  return app;
}

function answerFrameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const body = toProblem(error);
  reply
    .status(body.status)
    .header(REQUEST_ID_HEADER, request.id)
    .header('content-type', PROBLEM_CONTENT_TYPE)
    .send(body);
}
