/**
 * The most bytes a message's value may have; default of EventConsumerOptions.maxMessageBytes. An event is the
 * snapshot of one aggregate, a few KB: a value of half a megabyte is a bug or an attack, and parsing and
 * validating it would hold the partition (and the event loop) for nothing. Half Kafka's default largest
 * message, so that its dead letter (the same value plus a few headers) still fits on `<topic>.dlq`.
 */
export const DEFAULT_MAX_MESSAGE_BYTES = 512 * 1024;

/**
 * The deepest nesting of objects and arrays a payload may have. Payload classes are a few levels deep;
 * class-transformer walks the value recursively and a value nested thousands of levels deep overflows the
 * stack (a consumer crash that kafkajs cannot retry, found by the consumer fuzz test).
 */
export const MAX_PAYLOAD_DEPTH = 32;

/** Why a message's value is too big to look at, or undefined. */
export function oversizeReason(value: Buffer | string | null, maxBytes: number): string | undefined {
  if (value === null) return undefined;
  const bytes = typeof value === 'string' ? Buffer.byteLength(value) : value.length;
  return bytes > maxBytes
    ? `the value is ${bytes} bytes, more than the ${maxBytes} a message may have`
    : undefined;
}

/** How deep a parsed JSON value nests, counted without recursion (stopping past `limit`). */
export function nestingDepth(value: unknown, limit = MAX_PAYLOAD_DEPTH): number {
  let deepest = 0;
  const stack: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  while (stack.length > 0) {
    const { value: current, depth } = stack.pop()!;
    if (typeof current !== 'object' || current === null) continue;
    const here = depth + 1;
    deepest = Math.max(deepest, here);
    if (here > limit) return here;
    for (const child of Object.values(current)) stack.push({ value: child, depth: here });
  }
  return deepest;
}
