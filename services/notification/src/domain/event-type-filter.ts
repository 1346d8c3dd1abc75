/**
 * Which event types a recipient or a webhook receives: exact types (`update.failed`), a family
 * (`update.*`), or everything (`*`).
 */
const TYPE_OR_PATTERN = /^(\*|[a-z][a-z-]*(\.[a-z][a-z-]*)*(\.\*)?)$/;

export function isEventTypePattern(text: string): boolean {
  return text.length <= 100 && TYPE_OR_PATTERN.test(text);
}

/** Whether a notification of `type` goes to a subscriber of `patterns` (null: every type). */
export function receivesEventType(patterns: readonly string[] | null, type: string): boolean {
  if (patterns === null) return true;
  return patterns.some(
    (pattern) =>
      pattern === '*' ||
      pattern === type ||
      (pattern.endsWith('.*') && type.startsWith(pattern.slice(0, -1))),
  );
}
