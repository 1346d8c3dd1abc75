import { accept, type Decision, type DomainError } from '@pac/domain';
import { ISSUE_RULE_LIMITS, type IssueRule } from './issue';

/** A tenant's rule as asked for, within the limits (400 `issue-rule-invalid` naming each field out of range). */
export function decideIssueRule(request: IssueRule): Decision<IssueRule, DomainError<'issue-rule-invalid'>> {
  const errors = (Object.keys(ISSUE_RULE_LIMITS) as (keyof IssueRule)[])
    .filter((field) => {
      const value = request[field];
      const { min, max } = ISSUE_RULE_LIMITS[field];
      return !Number.isInteger(value) || value < min || value > max;
    })
    .map((field) => ({
      field,
      message: `${field} must be a whole number from ${ISSUE_RULE_LIMITS[field].min} to ${ISSUE_RULE_LIMITS[field].max}`,
    }));
  if (errors.length > 0)
    return {
      ok: false,
      error: { code: 'issue-rule-invalid', message: 'the issue rule is not valid', errors },
    };
  return accept({
    threshold: request.threshold,
    windowMinutes: request.windowMinutes,
    quietMinutes: request.quietMinutes,
  });
}
