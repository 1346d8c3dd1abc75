import { ProblemException } from '@pac/bootstrap';
import type { DomainError } from './domain/decision';

/**
 * The one mapping from a refusal to an answer: a named field is a validation error (400), a missing thing is
 * 404, an action reserved to the partner is 403, anything else (duplicate, quota, wrong state) is 409. The
 * error code travels as the `code` extension of the problem, for clients that branch on it.
 */
export function problemFor(error: DomainError): ProblemException {
  if (error.field) return ProblemException.validation([{ field: error.field, message: error.message }]);
  if (error.code.endsWith('not-found')) return ProblemException.notFound(error.message);
  if (error.code === 'partner-only') return ProblemException.forbidden(error.message);
  return ProblemException.conflict(error.message, { code: error.code });
}
