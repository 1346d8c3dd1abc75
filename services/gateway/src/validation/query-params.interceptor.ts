import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { ProblemException } from '@pac/bootstrap';
import type { FastifyRequest } from 'fastify';
import type { Observable } from 'rxjs';
import { acceptedQuery, unknownQueryParams, type AcceptedQuery } from './query-params';

/**
 * Unknown query parameters are refused like unknown body fields (400 naming each), also on routes that take
 * no query at all, where the validation pipe never sees them: `GET /v1/tenants/{id}?expand=x` is a mistake
 * the caller should hear about, not a silently ignored wish.
 */
@Injectable()
export class QueryParamsInterceptor implements NestInterceptor {
  private readonly accepted = new WeakMap<object, AcceptedQuery>();

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
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
    return next.handle();
  }
}
