import { ParseUUIDPipe } from '@nestjs/common';
import { problemFor, type AnswerableError } from './problem-for';
import { TENANT_NOT_FOUND } from '../tenant-directory/tenant-visibility';

/**
 * A UUID path parameter (`@Param('operationId', uuidParam(OPERATION_NOT_FOUND))`): anything that is not a UUID
 * names nothing, so it is the same 404 as an id that does not exist or belongs to another partner.
 */
export function uuidParam(notFound: AnswerableError): ParseUUIDPipe {
  return new ParseUUIDPipe({ exceptionFactory: () => problemFor(notFound) });
}

/** `:tenantId` in every path. */
export const TenantIdParam = uuidParam(TENANT_NOT_FOUND);
