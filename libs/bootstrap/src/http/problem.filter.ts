import { ArgumentsHost, Catch, HttpException, type ExceptionFilter } from '@nestjs/common';
import { isDatabaseUnavailable } from '@pac/persistence';
import { errorCodes, type FastifyReply, type FastifyRequest } from 'fastify';
import { PROBLEM_CONTENT_TYPE, problem, ProblemException, type ProblemDetails } from './problem';
import type { RouteTable } from './route-table';

/**
 * Turns every error into problem+json; unexpected ones are logged and answered 500 without their details.
 * A request no route took (Fastify's not-found handler) is 404 `route-not-found`, or 405
 * `method-not-allowed` with `allow` when its path exists with other methods (`routes`). A problem that
 * asks the client to wait (`retryAfterSeconds`: 429, 503) also says so in the `retry-after` header.
 */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  constructor(private readonly routes?: RouteTable) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const reply = http.getResponse<FastifyReply>();
    const request = http.getRequest<FastifyRequest>();
    const body = request.is404 ? this.noRoute(request, reply) : toProblem(exception);
    if (typeof body['retryAfterSeconds'] === 'number') {
      reply.header('retry-after', String(body['retryAfterSeconds']));
    }
    if (body.code === 'dependency-unavailable') {
      // Expected while a database or a service is down: the client is told to retry, not an error of ours.
      request.log.warn(
        { err: exception },
        `request refused: ${body.detail ?? 'a dependency is unavailable'}`,
      );
      if (!reply.hasHeader('retry-after')) reply.header('retry-after', String(RETRY_AFTER_SECONDS));
    } else if (body.status >= 500) request.log.error({ err: exception }, 'request failed');
    reply.status(body.status).header('content-type', PROBLEM_CONTENT_TYPE).send(body);
  }

  private noRoute(request: FastifyRequest, reply: FastifyReply): ProblemDetails {
    const path = request.url.split('?', 1)[0] ?? '/';
    const methods = this.routes?.methodsOf(path) ?? [];
    if (methods.length === 0) {
      return problem(404, `No route ${request.method} ${path}.`, { code: 'route-not-found' });
    }
    reply.header('allow', methods.join(', '));
    return problem(405, `${path} does not take ${request.method}; it takes ${methods.join(', ')}.`);
  }
}

/** What a client is told to wait before retrying a request refused because the database is unavailable. */
const RETRY_AFTER_SECONDS = 2;

const UNSUPPORTED_MEDIA_TYPE_DETAIL = 'The body must be JSON, sent with content-type: application/json.';

/**
 * Fastify's own refusals that have a code of their own in the catalog (the others get the generic code of
 * their status: 413 payload-too-large, 415, ...). Nest hands the body parser's errors over as HttpExceptions
 * that keep only the message, hence the lookup by Fastify's message as well as by its error code.
 */
const FASTIFY_REFUSALS: Array<{ error: new () => Error & { code: string }; code: string; detail?: string }> =
  [
    { error: errorCodes.FST_ERR_CTP_INVALID_JSON_BODY, code: 'malformed-json' },
    { error: errorCodes.FST_ERR_CTP_EMPTY_JSON_BODY, code: 'malformed-json' },
    {
      error: errorCodes.FST_ERR_BAD_URL,
      code: 'malformed-url',
      detail: 'The path is not a valid URL (bad percent-encoding).',
    },
    {
      error: errorCodes.FST_ERR_MAX_PARAM_LENGTH,
      code: 'uri-too-long',
      detail: 'A path parameter is too long.',
    },
  ];
const REFUSAL_BY_CODE = new Map(FASTIFY_REFUSALS.map((refusal) => [new refusal.error().code, refusal]));
const REFUSAL_BY_MESSAGE = new Map(FASTIFY_REFUSALS.map((refusal) => [new refusal.error().message, refusal]));

export function toProblem(exception: unknown): ProblemDetails {
  if (exception instanceof ProblemException) return exception.problem;
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    // Fastify's own refusal of a body it cannot parse, wrapped by Nest: say what to send instead.
    if (status === 415) return problem(415, UNSUPPORTED_MEDIA_TYPE_DETAIL);
    const response = exception.getResponse();
    const message =
      typeof response === 'object' && response !== null && 'message' in response
        ? String((response as { message: unknown }).message)
        : exception.message;
    const refusal = REFUSAL_BY_MESSAGE.get(message);
    return problem(status, message, refusal ? { code: refusal.code } : {});
  }
  const fastifyError = exception as { statusCode?: number; message?: string; code?: string };
  if (typeof fastifyError?.statusCode === 'number' && fastifyError.statusCode < 500) {
    const refusal = fastifyError.code !== undefined ? REFUSAL_BY_CODE.get(fastifyError.code) : undefined;
    return problem(
      fastifyError.statusCode,
      refusal?.detail ?? fastifyError.message,
      refusal ? { code: refusal.code } : {},
    );
  }
  if (isDatabaseUnavailable(exception)) {
    return problem(
      503,
      'The database is unavailable for a moment. Retry shortly; with the same Idempotency-Key, a write ' +
        'takes effect at most once.',
    );
  }
  return problem(500, 'Something went wrong on our side. The request id identifies it in our logs.');
}
