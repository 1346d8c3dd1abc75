import { ParseUUIDPipe } from '@nestjs/common';
import { ProblemException } from './problem';

/** A tenant id in a path: anything that is not a UUID names no tenant, so it is 404 like a stranger's. */
export const TenantIdParam = new ParseUUIDPipe({
  exceptionFactory: () => ProblemException.notFound('no such tenant'),
});

/** Whether a caller may see a tenant at all: a customer admin only their own (the partner check is the query's). */
export function callerMaySee(caller: { tenantId?: string }, tenantId: string): boolean {
  return caller.tenantId === undefined || caller.tenantId === tenantId;
}
