import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import {
  IDEMPOTENCY_KEY_HEADER,
  IDEMPOTENT_REPLAYED_HEADER,
  IDEMPOTENT_WRITE_METHODS,
  idempotencyKeyProblem,
} from '@pac/http-contracts';
import type { RequestTransaction } from '@pac/persistence';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { lastValueFrom, of, type Observable } from 'rxjs';
import { callerOf } from '../http/internal-auth';
import { problem, ProblemException, PROBLEM_CONTENT_TYPE } from '../http/problem';
import { toProblem } from '../http/problem.filter';
import { IdempotencyStore, type IdempotentRequest, type StoredAnswer } from './idempotency.store';
import { requestFingerprint } from './request-fingerprint';

const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

/**
 * `Idempotency-Key` on every write of every service, one way for all (registered by ServiceRuntimeModule):
 * - the first request with a (partner, key) runs, and its answer (status and body) is stored for 24 h;
 * - the same key with the same method, path and body gets that first answer again, marked
 *   `idempotent-replayed: true`, and nothing runs a second time;
 * - the same key with another method, path or body: 422 problem+json;
 * - a duplicate arriving while the first still runs waits for it (up to 2 s), then gets 409 with retry-after.
 * The request runs in one transaction that claims the key, holds the handler's writes and events (its
 * inTransaction joins it) and records the answer: all commit together or not at all. An answer below 500
 * (errors included: they are the first answer) is recorded, without what the handler wrote before refusing;
 * a 5xx or a crash rolls everything back, so a retry with the same key runs again. Requests without a caller
 * (no gateway) are not keyed.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(private readonly store: IdempotencyStore) {}

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
    const caller = callerOf(request);
    if (!caller) return next.handle();

    const keyed: IdempotentRequest = {
      partnerId: caller.partnerId,
      key,
      method: request.method,
      path: request.url,
      fingerprint: requestFingerprint(request.method, request.url, request.body),
    };
    const result = await this.store.claim(keyed);
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
        return of(await this.runOnce(result.transaction, keyed, reply, next));
    }
  }

  private async runOnce(
    transaction: RequestTransaction,
    keyed: IdempotentRequest,
    reply: FastifyReply,
    next: CallHandler,
  ): Promise<unknown> {
    try {
      await transaction.savepoint(BEFORE_WORK);
      let body: unknown;
      try {
        // Nest binds the handler to the async context in which handle() is called: inside run().
        body = await transaction.run(() => lastValueFrom(next.handle(), { defaultValue: undefined }));
      } catch (error) {
        const answer = toProblem(error);
        if (answer.status >= 500) throw error;
        await transaction.rollbackToSavepoint(BEFORE_WORK);
        await this.store.complete(transaction, keyed, {
          status: answer.status,
          contentType: PROBLEM_CONTENT_TYPE,
          body: JSON.stringify(answer),
        });
        await transaction.commit();
        throw error;
      }
      await this.store.complete(transaction, keyed, {
        status: reply.statusCode,
        contentType: headerText(reply.getHeader('content-type')) ?? JSON_CONTENT_TYPE,
        body: body === undefined ? null : JSON.stringify(body),
      });
      await transaction.commit();
      return body;
    } finally {
      // Still open only when something failed before a commit: nothing of this request remains.
      await transaction.rollback();
    }
  }
}

/** Where the handler's work starts in the request transaction: a refusal undoes back to here. */
const BEFORE_WORK = 'before_work';

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
