/**
 * `Idempotency-Key` on writes (docs/api-conventions.md): the same key and body within 24 h returns the first answer.
 * The gateway forwards the header; every service honours it the same way (libs/bootstrap, idempotency).
 */
export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';

/** Header that marks an answer replayed from an earlier request with the same key. */
export const IDEMPOTENT_REPLAYED_HEADER = 'idempotent-replayed';

/** How long a key is remembered, by the service's clock. */
export const IDEMPOTENCY_KEY_TTL_MS = 24 * 60 * 60 * 1000;

export const IDEMPOTENCY_KEY_MAX_LENGTH = 255;

/** The methods that accept a key; on other methods the header is ignored. */
export const IDEMPOTENT_WRITE_METHODS: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Why a key cannot be used (1 to 255 visible ASCII characters), or undefined when it can. */
export function idempotencyKeyProblem(key: string): string | undefined {
  if (key.length === 0 || key.length > IDEMPOTENCY_KEY_MAX_LENGTH) {
    return `Idempotency-Key must be 1 to ${IDEMPOTENCY_KEY_MAX_LENGTH} characters long`;
  }
  if (!/^[\x21-\x7e]+$/.test(key)) {
    return 'Idempotency-Key must be visible ASCII characters (no spaces), e.g. a UUID';
  }
  return undefined;
}
