import {
  Inject,
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { callerFromHeaders } from '@pac/auth';
import {
  IDEMPOTENCY_KEY_HEADER,
  IDEMPOTENT_REPLAYED_HEADER,
  IDEMPOTENT_WRITE_METHODS,
  idempotencyKeyProblem,
} from '@pac/http-contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { catchError, from, mergeMap, of, type Observable } from 'rxjs';
import { problem, ProblemException, PROBLEM_CONTENT_TYPE } from '../http/problem';
import { toProblem } from '../http/problem.filter';
import { LOGGER } from '../runtime/tokens';
import { IdempotencyStore, type Claim, type StoredAnswer } from './idempotency.store';
import { requestFingerprint } from './request-fingerprint';

const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

/**
 * `Idempotency-Key` on every write of every service, one way for all (registered by ServiceRuntimeModule):
 * - the first request with a (partner, key) runs, and its answer (status and body) is stored for 24 h;
 * - the same key with the same method, path and body gets that first answer again, marked
 *   `idempotent-replayed: true`, and nothing runs a second time;
 * - the same key with another method, path or body: 422 problem+json;
 * - a duplicate arriving while the first still runs waits for it (up to 2 s), then gets 409 with retry-after.
 * Answers below 500 are stored, errors included (they are the first answer); a 5xx or a crash forgets the
 * claim, so that a retry with the same key runs again. Requests without a caller (no gateway) are not keyed.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly store: IdempotencyStore,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    if (!IDEMPOTENT_WRITE_METHODS.has(request.method)) return next.handle();
    const header = request.headers[IDEMPOTENCY_KEY_HEADER];
    const key = Array.isArray(header) ? header[0] : header;
    if (key === undefined) return next.handle();
    const keyProblem = idempotencyKeyProblem(key);
    if (keyProblem) throw ProblemException.validation([{ field: 'Idempotency-Key', message: keyProblem }]);
    const caller = callerFromHeaders(request.headers);
    if (!caller) return next.handle();

    const result = await this.store.claim({
      partnerId: caller.partnerId,
      key,
      method: request.method,
      path: request.url,
      fingerprint: requestFingerprint(request.method, request.url, request.body),
    });
    switch (result.kind) {
      case 'replay':
        return of(replay(reply, result.answer));
      case 'mismatch':
        throw new ProblemException(
          problem(
            422,
            'This Idempotency-Key was already used with another request (method, path or body). ' +
              'Use a new key for a new request.',
            {
              type: 'https://partner-admin-center.dev/problems/idempotency-key-reused',
              code: 'idempotency-key-reused',
              errors: [{ field: 'Idempotency-Key', message: 'already used with another request' }],
            },
          ),
        );
      case 'in-progress':
        reply.header('retry-after', '1');
        throw ProblemException.conflict(
          'A request with this Idempotency-Key is still being processed; retry shortly to get its answer.',
          { code: 'idempotency-key-in-progress' },
        );
      case 'claimed':
        return this.runOnce(result.claim, reply, next);
    }
  }

  private runOnce(claim: Claim, reply: FastifyReply, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      mergeMap((body) =>
        from(
          (async () => {
            await this.record(claim, {
              status: reply.statusCode,
              contentType: headerText(reply.getHeader('content-type')) ?? JSON_CONTENT_TYPE,
              body: body === undefined ? null : JSON.stringify(body),
            });
            return body;
          })(),
        ),
      ),
      catchError((error: unknown) =>
        from(
          (async () => {
            const answer = toProblem(error);
            if (answer.status >= 500) await this.record(claim, undefined);
            else
              await this.record(claim, {
                status: answer.status,
                contentType: PROBLEM_CONTENT_TYPE,
                body: JSON.stringify(answer),
              });
            throw error;
          })(),
        ),
      ),
    );
  }

  /**
   * Stores the answer (or forgets the claim when there is none to keep). The request has already taken
   * effect, so a failure here is logged and the caller still gets its answer; the claim then stays
   * in progress until it is taken over as abandoned.
   */
  private async record(claim: Claim, answer: StoredAnswer | undefined): Promise<void> {
    try {
      if (answer) await this.store.complete(claim, answer);
      else await this.store.release(claim);
    } catch (error) {
      this.logger.warn(
        { err: error, key: claim.key },
        'could not record the answer of an idempotent request',
      );
    }
  }
}

function replay(reply: FastifyReply, answer: StoredAnswer): unknown {
  reply.status(answer.status);
  if (answer.contentType) reply.header('content-type', answer.contentType);
  reply.header(IDEMPOTENT_REPLAYED_HEADER, 'true');
  return answer.body === null ? undefined : JSON.parse(answer.body);
}

function headerText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && typeof value[0] === 'string') return value[0];
  return undefined;
}
