import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { TokenVerifier, type Caller } from '@pac/auth';
import { problem, ProblemException, ROUTE_ACCESS_METADATA } from '@pac/bootstrap';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { RateLimiter } from '../rate-limit/rate-limiter';
import { mayAccess, tenantInReach, type Access } from './access';

export type AuthenticatedRequest = FastifyRequest & { caller?: Caller };

/**
 * The admission of every route, in this order:
 * 1. a valid bearer token, else 401;
 * 2. the partner's rate limit, else 429 with retry-after;
 * 3. a path naming a tenant the caller is bound away from (a customer admin's other tenant): 404, before any
 *    service is called (the services check again, and also check the partner);
 * 4. a role that grants the route's access, else 403.
 * A tenant out of reach is 404 even on a route the role could not use: it does not exist for that caller.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: TokenVerifier,
    private readonly rateLimiter: RateLimiter,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const access = this.reflector.getAllAndOverride<Access | undefined>(ROUTE_ACCESS_METADATA, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (access === 'public') return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const header = request.headers.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() : undefined;
    if (!token) throw unauthorized(reply, 'a bearer token is required');
    const result = await this.verifier.verify(token);
    if (!result.ok) throw unauthorized(reply, `the token is not valid: ${result.reason}`);
    const caller = result.caller;

    this.rateLimiter.admit(caller, (name, value) => void reply.header(name, value));

    const params = (request.params ?? {}) as Record<string, string | undefined>;
    if (!tenantInReach(caller, params['tenantId'])) throw ProblemException.notFound('no such tenant');
    if (!access || !mayAccess(caller, access)) {
      throw ProblemException.forbidden('your role does not allow this action');
    }
    request.caller = caller;
    return true;
  }
}

function unauthorized(reply: FastifyReply, detail: string): ProblemException {
  reply.header('www-authenticate', 'Bearer');
  return new ProblemException(problem(401, detail));
}
