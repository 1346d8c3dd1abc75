import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { TokenVerifier, type Caller } from '@pac/auth';
import { problem, ProblemException, ROUTE_ACCESS_METADATA } from '@pac/bootstrap';
import type { FastifyRequest } from 'fastify';
import { mayAccess, type Access } from './access';

export type AuthenticatedRequest = FastifyRequest & { caller?: Caller };

/** Every route: a valid bearer token (401 otherwise), then a role that grants the route's access (403). */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: TokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const access = this.reflector.getAllAndOverride<Access | undefined>(ROUTE_ACCESS_METADATA, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (access === 'public') return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.headers.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() : undefined;
    if (!token) throw unauthorized('a bearer token is required');
    const result = await this.verifier.verify(token);
    if (!result.ok) throw unauthorized(`the token is not valid: ${result.reason}`);
    if (!access || !mayAccess(result.caller, access)) {
      throw ProblemException.forbidden('your role does not allow this action');
    }
    request.caller = result.caller;
    return true;
  }
}

function unauthorized(detail: string): ProblemException {
  return new ProblemException(problem(401, detail));
}
