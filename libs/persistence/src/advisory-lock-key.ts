import { createHash } from 'node:crypto';

/**
 * A 64-bit Postgres advisory lock key for a purpose and a schema, computed on our side (not with the
 * server's undocumented `hashtext`) so that it is the same on every Postgres version. Returned as a
 * decimal string because it does not fit in a JavaScript number; bind it as `$1::bigint`.
 */
export function advisoryLockKey(purpose: string, schema: string): string {
  const digest = createHash('sha256').update(`${purpose}:${schema}`).digest();
  return digest.readBigInt64BE(0).toString();
}
