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
  'telemetry-key-invalid': {
    status: 401,
    description:
      'The `x-telemetry-key` header is missing, or names no key, or a revoked one (a revocation takes effect within TELEMETRY_KEY_CACHE_TTL_MS).',
  },
  'rate-limited': { status: 429, description: 'Too many requests; wait for `retry-after` seconds.' },
  'internal-error': { status: 500, description: 'An unexpected error on our side; the request id names it.' },
  'bad-gateway': { status: 502, description: 'A service behind the gateway answered something unusable.' },
  'dependency-unavailable': {
    status: 503,
    description: 'A service or its database is unavailable; retry after `retry-after` seconds.',
  },
  'upstream-timeout': { status: 504, description: 'A service behind the gateway did not answer in time.' },
  'stream-unavailable': {
    status: 503,
    description:
      'The live stream cannot follow notifications right now (Kafka); retry after `retry-after` seconds.',
  },
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

/**
 * The refusals of the domain services, by their stable code: the rule that refused, the status it is
 * answered with (the one mapping from a refusal to an answer, `problemFor` in libs/bootstrap, reads it here),
 * and when. A service's refusal codes are typed against this list, so a code missing here does not compile.
 */
export const DOMAIN_PROBLEM_CODES = {
  // who may see and act
  'tenant-not-found': { status: 404, description: 'No such tenant, or one of another partner.' },
  'partner-not-found': { status: 404, description: 'The caller’s partner is not registered.' },
  'partner-unknown': {
    status: 403,
    description: 'The caller’s partner is not registered: it adds no tenant.',
  },
  'partner-only': {
    status: 403,
    description: 'Only the partner does this (suspend, resume, offboard), not a customer admin.',
  },
  // tenants
  'name-required': { status: 400, description: 'The name is blank.' },
  'tenant-offboarded': { status: 409, description: 'The tenant is offboarded: it is read-only for good.' },
  'tenant-suspended': {
    status: 409,
    description:
      'The tenant is suspended: its environments and extensions cannot change until it is resumed.',
  },
  'tenant-already-suspended': { status: 409, description: 'The tenant is already suspended.' },
  'tenant-not-suspended': { status: 409, description: 'Only a suspended tenant can be resumed.' },
  'tags-required': { status: 400, description: 'A tag change adds or removes no tag.' },
  'tag-added-and-removed': { status: 400, description: 'A tag change adds and removes the same tag.' },
  // environments
  'environment-not-found': { status: 404, description: 'The tenant has no environment of that name.' },
  'name-invalid': { status: 400, description: 'The environment name breaks the naming rules.' },
  'name-reserved': { status: 400, description: 'The environment name is reserved.' },
  'name-taken': { status: 409, description: 'Another environment of the tenant has this name (any case).' },
  'application-version-invalid': {
    status: 400,
    description: 'The application version is not "major.minor".',
  },
  'quota-exceeded': {
    status: 409,
    description: 'The tenant has as many environments of this type as its quota allows.',
  },
  'environment-busy': {
    status: 409,
    description:
      'The environment is preparing or updating, or has an operation scheduled or running: wait until it ends.',
  },
  'environment-soft-deleted': {
    status: 409,
    description: 'The environment is soft-deleted: recover it first.',
  },
  'environment-not-soft-deleted': {
    status: 409,
    description: 'Only a soft-deleted environment can be recovered.',
  },
  'original-name-taken': {
    status: 409,
    description:
      'Another environment has the name this one had before its deletion: recover it under a newName.',
  },
  'quota-grant-invalid': {
    status: 400,
    description: 'additionalProductionEnvironments is not an integer from 0 to 100.',
  },
  // extensions
  'extension-not-found': { status: 404, description: 'The environment has no extension with this id.' },
  'version-invalid': {
    status: 400,
    description: 'The extension version is not 2 to 4 dot-separated numbers.',
  },
  'min-version-invalid': { status: 400, description: 'minVersion is not an application version.' },
  'max-version-invalid': { status: 400, description: 'maxVersion is not an application version.' },
  'max-version-below-min': { status: 400, description: 'maxVersion is lower than minVersion.' },
  'extension-already-installed': {
    status: 409,
    description: 'A version of this extension is installed already: uninstall it first.',
  },
  'extension-incompatible': {
    status: 409,
    description: 'The extension does not support the environment’s application version.',
  },
  // operations
  'operation-not-found': { status: 404, description: 'No such operation, or one of another partner.' },
  'operation-not-cancelable': {
    status: 409,
    description: 'The operation has started or ended: only a queued or scheduled one can be canceled.',
  },
  'operation-run-elsewhere': {
    status: 409,
    description: 'The operation is run by another service, which cancels it.',
  },
  'operation-transition-invalid': {
    status: 409,
    description: 'The operation’s status does not allow this change.',
  },
  // releases, windows and updates
  'release-exists': { status: 409, description: 'A release with this version is already published.' },
  'update-window-invalid': {
    status: 400,
    description: 'The update window is not valid (times, time zone, at least 6 hours); see `errors`.',
  },
  'update-not-found': {
    status: 404,
    description: 'No release of this version is available to the environment, or no update has this run.',
  },
  'preview-on-production': { status: 409, description: 'Preview releases are for sandboxes only.' },
  'version-not-newer': {
    status: 409,
    description: 'The version is not newer than the environment’s application version.',
  },
  'version-beyond-next-major': {
    status: 409,
    description:
      'The version is beyond the environment’s next major version: only its current and next major versions are offered.',
  },
  'past-latest-selectable-date': {
    status: 409,
    description: 'The update would start after the window of its latest selectable date.',
  },
  'selected-time-in-past': { status: 400, description: 'selectedDateTime is in the past.' },
  'update-running': { status: 409, description: 'The update is running: it can no longer be changed.' },
  'update-done': {
    status: 409,
    description: 'The environment is already on this version or a newer one.',
  },
  'update-not-scheduled': { status: 409, description: 'Only a scheduled update can be canceled.' },
  'update-mandatory': {
    status: 409,
    description:
      'The update is mandatory by its latest selectable date: its automatic run can be moved, not canceled.',
  },
  'scheduled-update-constraint-violation': {
    status: 409,
    description:
      'The new update window would move a selected update past its latest selectable date (the reference’s ScheduledUpgradeConstraintViolation): change the update date first.',
  },
  // notifications
  'notification-not-found': { status: 404, description: 'No such notification in your inbox.' },
  'recipient-not-found': {
    status: 404,
    description: 'The tenant has no notification recipient with this id.',
  },
  'recipient-exists': {
    status: 409,
    description: 'This e-mail address already receives the tenant’s notifications.',
  },
  'event-types-invalid': {
    status: 400,
    description:
      'eventTypes lists something that is not an event type (update.failed), a family (update.*) or *.',
  },
  'webhook-not-found': { status: 404, description: 'No such webhook, or one of another partner.' },
  'webhook-url-invalid': {
    status: 400,
    description: 'The webhook url is not http(s) or carries credentials.',
  },
  'webhook-url-not-allowed': {
    status: 400,
    description:
      'The webhook url resolves to a private, link-local or loopback address, which webhooks may not reach here.',
  },
  'webhook-not-disabled': { status: 409, description: 'The webhook is enabled already.' },
  'webhook-disabled': { status: 409, description: 'The webhook is disabled: enable it first.' },
  'delivery-not-found': { status: 404, description: 'The webhook has no delivery with this id.' },
  'delivery-pending': {
    status: 409,
    description: 'The delivery is still pending: it is tried again on its own.',
  },
  // telemetry and issues
  'telemetry-key-not-found': {
    status: 404,
    description: 'The environment has no ingestion key with this id (or it was revoked already).',
  },
  'time-range-invalid': { status: 400, description: '`from` is after `to`.' },
  'issue-not-found': { status: 404, description: 'No such issue, or one of another partner.' },
  'issue-not-open': { status: 409, description: 'Only an open issue can be acknowledged.' },
  'issue-resolved': {
    status: 409,
    description: 'The issue is resolved already: a new spike opens a new issue.',
  },
  'issue-rule-invalid': {
    status: 400,
    description:
      'The issue rule is not valid (threshold, window or quiet period out of range); see `errors`.',
  },
} as const satisfies Record<string, ProblemCodeInfo>;

export type DomainProblemCode = keyof typeof DOMAIN_PROBLEM_CODES;

/** The code of an answer that has no more specific one. */
export function genericProblemCode(status: number): string {
  return GENERIC_CODE_BY_STATUS.get(status) ?? (status >= 500 ? 'internal-error' : 'conflict');
}
