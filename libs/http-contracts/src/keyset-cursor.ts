/**
 * Opaque keyset cursors: the sort key of the last row of a page, so the next page starts right after it
 * whatever was inserted meanwhile (no OFFSET scans on large lists).
 */
export function encodeCursor(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/**
 * Returns undefined for a cursor that was not made by encodeCursor with the same number of parts: a cursor
 * is opaque, but a client can forge one, and it must then get a 400, never reach Postgres with a value it
 * refuses (a 500). Parts must be strings without NUL or safe integers.
 */
export function decodeCursor(cursor: string, parts: number): (string | number)[] | undefined {
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (!Array.isArray(key) || key.length !== parts) return undefined;
    return key.every(isCursorPart) ? (key as (string | number)[]) : undefined;
  } catch {
    return undefined;
  }
}

function isCursorPart(part: unknown): boolean {
  if (typeof part === 'number') return Number.isSafeInteger(part);
  return typeof part === 'string' && !part.includes('\u0000');
}

/**
 * A cursor's time as pages write it (Date#toISOString: UTC, milliseconds), and one Postgres accepts: a real
 * calendar date (not 2026-02-30, which Date would roll over to March) between the years 1 and 9999.
 */
export function isCursorTime(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(value)) return false;
  const time = new Date(value);
  return !Number.isNaN(time.getTime()) && time.toISOString() === value && time.getUTCFullYear() >= 1;
}
