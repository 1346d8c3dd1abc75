/**
 * Opaque keyset cursors: the sort key of the last row of a page, so the next page starts right after it
 * whatever was inserted meanwhile (no OFFSET scans on large lists).
 */
export function encodeCursor(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/** Returns undefined for a cursor that was not made by encodeCursor with the same number of parts. */
export function decodeCursor(cursor: string, parts: number): (string | number)[] | undefined {
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (!Array.isArray(key) || key.length !== parts) return undefined;
    if (!key.every((part) => typeof part === 'string' || typeof part === 'number')) return undefined;
    return key as (string | number)[];
  } catch {
    return undefined;
  }
}
