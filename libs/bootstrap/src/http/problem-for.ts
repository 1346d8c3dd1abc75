import type { Decision, DomainError } from '@pac/domain';
import { DOMAIN_PROBLEM_CODES, type DomainProblemCode } from '@pac/http-contracts';
import { problem, ProblemException, VALIDATION_DETAIL } from './problem';

/** A refusal a service may answer with: its code is in the catalog (DOMAIN_PROBLEM_CODES). */
export type AnswerableError = DomainError<DomainProblemCode>;

/**
 * The one mapping from a refusal to an answer: the status is the catalog's for its code, the code travels as
 * the problem's `code`, and a refusal naming request fields is a validation problem listing them in `errors`.
 */
export function problemFor(error: AnswerableError): ProblemException {
  const { status } = DOMAIN_PROBLEM_CODES[error.code];
  if (error.errors?.length) {
    return new ProblemException(
      problem(status, VALIDATION_DETAIL, { code: error.code, errors: [...error.errors] }),
    );
  }
  return new ProblemException(problem(status, error.message, { code: error.code }));
}

/** A controller's one line: the decided value, or the refusal thrown as its problem answer. */
export function unwrap<T>(decision: Decision<T, AnswerableError>): T {
  if (!decision.ok) throw problemFor(decision.error);
  return decision.value;
}
