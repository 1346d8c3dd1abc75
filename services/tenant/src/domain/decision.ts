/**
 * An expected refusal, as a value (never an exception). `field` names the request field at fault: the HTTP
 * edge answers 400 for those, 404 for codes ending in `not-found`, 403 for `partner-only`, 409 otherwise.
 */
export interface DomainError<C extends string = string> {
  code: C;
  message: string;
  field?: string;
}

export type Decision<T, E extends DomainError = DomainError> =
  { ok: true; value: T } | { ok: false; error: E };

export function refuse<C extends string>(
  code: C,
  message: string,
  field?: string,
): { ok: false; error: DomainError<C> } {
  return { ok: false, error: { code, message, ...(field ? { field } : {}) } };
}

export function accept<T>(value: T): { ok: true; value: T } {
  return { ok: true, value };
}
