import { INTERNAL_TOKEN_HEADER, type Caller, type InternalTokenVerifier } from '@pac/auth';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { problem, PROBLEM_CONTENT_TYPE } from './problem';

/** The caller of a request to a domain service, set by the internal token check; none on open paths. */
export function callerOf(request: FastifyRequest): Caller | undefined {
  return (request as FastifyRequest & { caller?: Caller }).caller;
}

/**
 * Every request to a domain service must carry the gateway's internal token (libs/auth internal-token.ts),
 * except on `openPaths` (probes, metrics, the development clock): anything else gets 401 before routing, so
 * that no route, present or future, can forget it. The verified caller is kept on the request (callerOf).
 */
export function requireInternalToken(
  fastify: FastifyInstance,
  verifier: InternalTokenVerifier,
  openPaths: readonly string[],
): void {
  fastify.addHook('onRequest', async (request, reply) => {
    const path = request.url.split('?', 1)[0]!;
    if (openPaths.some((open) => path === open || path.startsWith(`${open}/`))) return;
    const caller = verifier.verify(request.headers[INTERNAL_TOKEN_HEADER]);
    if (!caller) {
      return reply
        .status(401)
        .header('content-type', PROBLEM_CONTENT_TYPE)
        .send(problem(401, 'Internal endpoints answer the gateway only: no valid internal token.'));
    }
    (request as FastifyRequest & { caller?: Caller }).caller = caller;
  });
}
