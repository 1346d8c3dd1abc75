import type { DomainError } from '@pac/domain';

/**
 * What a command or a query answers when the thing it was asked about is not there (404). Another partner's
 * environment looks exactly like a missing one (the tenant's own refusal is TENANT_NOT_FOUND, in
 * @pac/bootstrap).
 */
export const ENVIRONMENT_NOT_FOUND: DomainError<'environment-not-found'> = {
  code: 'environment-not-found',
  message: 'no such environment',
};

export const OPERATION_NOT_FOUND: DomainError<'operation-not-found'> = {
  code: 'operation-not-found',
  message: 'no such operation',
};

export function updateNotFound(message: string): DomainError<'update-not-found'> {
  return { code: 'update-not-found', message };
}
