/**
 * Every stable `code` that a problem answer of the API can carry: the one list that clients branch on and
 * that the OpenAPI document shows. A refusal of a domain service uses its own code (e.g. `quota-exceeded`);
 * an answer that has no more specific reason carries the generic code of its status.
 */
export interface ProblemCodeInfo {
  /** The HTTP status answered with this code. */
  status: number;
  /** When it is answered, for the documentation. */
  description: string;
}

export const GENERIC_PROBLEM_CODES = {
  'validation-failed': { status: 400, description: 'One or more fields are not valid; see `errors`.' },
  'malformed-json': { status: 400, description: 'The body is not well-formed JSON.' },
  'malformed-url': { status: 400, description: 'The path is not a valid URL (bad percent-encoding).' },
  unauthorized: { status: 401, description: 'The bearer token is missing, invalid or expired.' },
  forbidden: { status: 403, description: 'The caller’s role does not allow this action.' },
  'not-found': { status: 404, description: 'No such resource, or not one the caller may see.' },
  'route-not-found': { status: 404, description: 'No route has this method and path.' },
  'method-not-allowed': { status: 405, description: 'The path exists, but not with this method.' },
  conflict: { status: 409, description: 'The resource is not in a state that allows this action.' },
  'payload-too-large': { status: 413, description: 'The body is larger than the gateway accepts.' },
  'uri-too-long': { status: 414, description: 'The path or one of its parameters is too long.' },
  'unsupported-media-type': { status: 415, description: 'The body is not sent as application/json.' },
  'unprocessable-content': { status: 422, description: 'The request cannot be processed as sent.' },
  'idempotency-key-reused': {
    status: 422,
    description: 'This Idempotency-Key was already used with another method, path or body.',
  },
  'idempotency-key-in-progress': {
    status: 409,
    description: 'A request with this Idempotency-Key is still running; retry after `retry-after` seconds.',
  },
  'rate-limited': { status: 429, description: 'Too many requests; wait for `retry-after` seconds.' },
  'internal-error': { status: 500, description: 'An unexpected error on our side; the request id names it.' },
  'bad-gateway': { status: 502, description: 'A service behind the gateway answered something unusable.' },
  'dependency-unavailable': {
    status: 503,
    description: 'A service or its database is unavailable; retry after `retry-after` seconds.',
  },
  'upstream-timeout': { status: 504, description: 'A service behind the gateway did not answer in time.' },
} as const satisfies Record<string, ProblemCodeInfo>;

export type GenericProblemCode = keyof typeof GENERIC_PROBLEM_CODES;

const GENERIC_CODE_BY_STATUS: ReadonlyMap<number, GenericProblemCode> = new Map([
  [400, 'validation-failed'],
  [401, 'unauthorized'],
  [403, 'forbidden'],
  [404, 'not-found'],
  [405, 'method-not-allowed'],
  [409, 'conflict'],
  [413, 'payload-too-large'],
  [414, 'uri-too-long'],
  [415, 'unsupported-media-type'],
  [422, 'unprocessable-content'],
  [429, 'rate-limited'],
  [500, 'internal-error'],
  [502, 'bad-gateway'],
  [503, 'dependency-unavailable'],
  [504, 'upstream-timeout'],
]);

/** The code of an answer that has no more specific one. */
export function genericProblemCode(status: number): string {
  return GENERIC_CODE_BY_STATUS.get(status) ?? (status >= 500 ? 'internal-error' : 'conflict');
}
