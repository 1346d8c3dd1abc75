import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { callerFromHeaders, type Caller } from '@pac/auth';
import type { FastifyRequest } from 'fastify';
import { problem, ProblemException } from './problem';

/** The caller of an internal endpoint, as forwarded by the gateway; a call without one is refused. */
export const CallerContext = createParamDecorator((_data: unknown, context: ExecutionContext): Caller => {
  const request = context.switchToHttp().getRequest<FastifyRequest>();
  const caller = callerFromHeaders(request.headers);
  if (!caller)
    throw new ProblemException(problem(401, 'no caller: internal endpoints are called by the gateway'));
  return caller;
});
