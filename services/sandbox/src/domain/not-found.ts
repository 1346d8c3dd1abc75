import type { DomainError } from '@pac/domain';

export function sandboxNotFound(name: string): DomainError<'sandbox-not-found'> {
  return { code: 'sandbox-not-found', message: `the tenant has no sandbox named "${name}"` };
}

export const OPERATION_NOT_FOUND: DomainError<'operation-not-found'> = {
  code: 'operation-not-found',
  message: 'no such operation',
};

export const ISSUE_NOT_FOUND: DomainError<'issue-not-found'> = {
  code: 'issue-not-found',
  message: 'no such issue',
};
