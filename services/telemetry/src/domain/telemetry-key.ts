/**
 * An ingestion key writes the telemetry of one environment. Its secret is shown once, at creation; only its
 * SHA-256 is stored (a key is 32 random bytes, so a fast hash is enough: there is nothing to brute-force), and
 * a revoked key stays stored, revoked, so that it is never accepted again.
 */
export interface TelemetryKey {
  id: string;
  tenantId: string;
  partnerId: string;
  environmentName: string;
  keyHash: string;
  /** The first characters of the secret, to tell keys apart in a list. */
  keyPrefix: string;
  createdBy: string;
  createdAt: string;
  revokedAt: string | null;
}

/** Every key starts with this, so that a leaked one is recognised (secret scanners, logs). */
export const TELEMETRY_KEY_PREFIX = 'ptk_';

/** How many characters of a key a list shows. */
export const SHOWN_KEY_CHARACTERS = 10;

export function newTelemetryKey(
  fields: Omit<TelemetryKey, 'keyPrefix' | 'revokedAt' | 'keyHash'>,
  secret: string,
  keyHash: string,
): TelemetryKey {
  return {
    ...fields,
    keyHash,
    keyPrefix: secret.slice(0, SHOWN_KEY_CHARACTERS),
    revokedAt: null,
  };
}

export function revokeKey(key: TelemetryKey, now: Date): TelemetryKey {
  return { ...key, revokedAt: now.toISOString() };
}
