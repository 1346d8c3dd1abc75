import { ArgumentsHost, Catch, HttpException, type ExceptionFilter } from '@nestjs/common';
import { isDatabaseUnavailable } from '@pac/persistence';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PROBLEM_CONTENT_TYPE, problem, ProblemException, type ProblemDetails } from './problem';

/** Turns every error into problem+json; unexpected ones are logged and answered 500 without their details. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const reply = http.getResponse<FastifyReply>();
    const request = http.getRequest<FastifyRequest>();
    const body = toProblem(exception);
    if (body.code === 'dependency-unavailable') {
      request.log.warn({ err: exception }, 'request refused: the database is unavailable');
      if (!reply.hasHeader('retry-after')) reply.header('retry-after', String(RETRY_AFTER_SECONDS));
    } else if (body.status >= 500) request.log.error({ err: exception }, 'request failed');
    reply.status(body.status).header('content-type', PROBLEM_CONTENT_TYPE).send(body);
  }
}

/** What a client is told to wait before retrying a request refused because the database is unavailable. */
const RETRY_AFTER_SECONDS = 2;

const UNSUPPORTED_MEDIA_TYPE_DETAIL = 'The body must be JSON, sent with content-type: application/json.';

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
    return problem(status, message);
  }
  const fastifyError = exception as { statusCode?: number; message?: string; code?: string };
  if (typeof fastifyError?.statusCode === 'number' && fastifyError.statusCode < 500) {
    return problem(fastifyError.statusCode, fastifyError.message);
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
