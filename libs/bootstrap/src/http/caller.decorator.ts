import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import type { FastifyRequest } from 'fastify';
import { callerOf } from './internal-auth';
import { problem, ProblemException } from './problem';

/** The caller of an internal endpoint, as the gateway's internal token names it; a call without one is refused. */
export const CallerContext = createParamDecorator((_data: unknown, context: ExecutionContext): Caller => {
  const caller = callerOf(context.switchToHttp().getRequest<FastifyRequest>());
  if (!caller)
    throw new ProblemException(problem(401, 'no caller: internal endpoints are called by the gateway'));
  return caller;
});
