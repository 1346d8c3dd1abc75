import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { ProblemException } from '@pac/bootstrap';
import type { FastifyRequest } from 'fastify';
import { acceptedQuery, unknownQueryParams, type AcceptedQuery } from './query-params';

/**
 * Unknown query parameters are refused like unknown body fields (400 naming each), also on routes that take
 * no query at all, where the validation pipe never sees them: `GET /v1/tenants/{id}?expand=x` is a mistake
 * the caller should hear about, not a silently ignored wish.
 *
 * A guard, registered after AuthGuard (so a request without a valid token is still 401 first), rather than
 * an interceptor: Nest wraps every request of an app with a global interceptor in an rxjs chain with two
 * AsyncResource.bind calls, which costs several times this check (docs/benchmarks.md, issue 3).
 */
@Injectable()
export class QueryParamsGuard implements CanActivate {
  private readonly accepted = new WeakMap<object, AcceptedQuery>();

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const handler = context.getHandler();
    let accepted = this.accepted.get(handler);
    if (!accepted) {
      accepted = acceptedQuery(context.getClass().prototype as object, handler.name);
      this.accepted.set(handler, accepted);
    }
    const unknown = unknownQueryParams(accepted, context.switchToHttp().getRequest<FastifyRequest>().query);
    if (unknown.length > 0) {
      throw ProblemException.validation(
        unknown.map((field) => ({ field, message: `${field} is not a known query parameter` })),
      );
    }
    return true;
  }
}
