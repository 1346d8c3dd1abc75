import type { DomainError } from '@pac/domain';

/**
 * What a command or a query answers when the thing it was asked about is not there (404). Another partner's
 * tenant, and so everything in it, looks exactly like a missing one (the tenant's own refusal is
 * TENANT_NOT_FOUND, shared by every service, in @pac/bootstrap).
 */
export function environmentNotFound(name: string): DomainError<'environment-not-found'> {
  return { code: 'environment-not-found', message: `no environment named "${name}"` };
}

export const OPERATION_NOT_FOUND: DomainError<'operation-not-found'> = {
  code: 'operation-not-found',
  message: 'no such operation',
};

export const EXTENSION_NOT_FOUND: DomainError<'extension-not-found'> = {
  code: 'extension-not-found',
  message: 'no such extension',
};

export const PARTNER_NOT_FOUND: DomainError<'partner-not-found'> = {
  code: 'partner-not-found',
  message: 'your partner is not registered',
};
