import { escapeIdentifier } from 'pg';

/**
 * Service names become role and schema names that are spliced into DDL (Postgres cannot bind identifiers
 * as parameters), so they are held to a plain lower-case shape instead of relying on quoting alone.
 */
const SERVICE_NAME = /^[a-z][a-z0-9_]{0,50}$/;

export function assertServiceName(service: string): void {
  if (!SERVICE_NAME.test(service)) {
    throw new Error(
      `invalid service name "${service}": lower-case letters, digits and _ only, starting with a letter`,
    );
  }
}

export function quoteIdentifier(name: string): string {
  return escapeIdentifier(name);
}

export function serviceRoleName(service: string): string {
  assertServiceName(service);
  return `${service}_svc`;
}
