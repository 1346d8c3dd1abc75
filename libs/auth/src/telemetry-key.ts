import { createHash, randomBytes } from 'node:crypto';
import type { Caller } from './roles';

/**
 * Ingestion keys (`x-telemetry-key`): the telemetry service makes them and stores only their hash; the
 * gateway hashes the key a request presents and asks the telemetry service which environment it writes.
 * One hash, here, for both. A key is 32 random bytes: SHA-256 is enough (nothing to brute-force).
 */
export const TELEMETRY_KEY_HEADER = 'x-telemetry-key';

export function newTelemetryKeySecret(): string {
  return `ptk_${randomBytes(32).toString('base64url')}`;
}

export function hashTelemetryKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/**
 * Who the gateway is when it calls a service for itself rather than for a caller (resolving an ingestion
 * key): a platform identity of no partner. Only the gateway can sign an internal token (internal-token.ts).
 */
export const GATEWAY_SELF: Caller = {
  subject: 'system:gateway',
  partnerId: '00000000-0000-0000-0000-000000000000',
  roles: ['platform:admin'],
};
