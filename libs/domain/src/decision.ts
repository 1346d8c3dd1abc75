/**
 * The outcome of something whose failure is expected and handled by the caller: a value, never an exception.
 * Messaging uses it for messages it cannot read; the domain rules use its `Decision` form below.
 */
export type Result<T, E> = { ok: true; value: T } | { ok: false; error: E };

export function accept<T>(value: T): { ok: true; value: T } {
  return { ok: true, value };
}

export function reject<E>(error: E): { ok: false; error: E } {
  return { ok: false, error };
}

/** A field of the request at fault and what is wrong with it, as the problem document lists it. */
export interface FieldError {
  field: string;
  message: string;
}

/**
 * A refusal of a domain rule. `code` is its stable name, the one clients branch on: each code is listed, with
 * the HTTP status it is answered with, in `DOMAIN_PROBLEM_CODES` (libs/http-contracts/src/problem-codes.ts).
 * `errors` names the request fields at fault when the refusal is about what was sent (answered 400).
 */
export interface DomainError<C extends string = string> {
  code: C;
  message: string;
  errors?: readonly FieldError[];
}

/** What a `decide*` function returns: the new state (or whatever it decided), or why not. */
export type Decision<T, E extends DomainError = DomainError> = Result<T, E>;

/** A refusal; `field` names the request field at fault (then answered 400 with it in `errors`). */
export function refuse<C extends string>(
  code: C,
  message: string,
  field?: string,
): { ok: false; error: DomainError<C> } {
  return reject({ code, message, ...(field !== undefined ? { errors: [{ field, message }] } : {}) });
}
