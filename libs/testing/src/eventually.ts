/**
 * Polls until `probe` returns a value that satisfies `until`, for effects that travel through Kafka.
 * It waits for an outcome, never for a duration: the timeout only bounds a failure.
 */
export async function eventually<T>(
  probe: () => Promise<T>,
  until: (value: T) => boolean,
  { timeoutMs = 15_000, intervalMs = 20 }: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T = await probe();
  while (!until(last)) {
    if (Date.now() > deadline) {
      throw new Error(
        `condition not met within ${timeoutMs} ms; last value: ${JSON.stringify(last)?.slice(0, 500)}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
    last = await probe();
  }
  return last;
}
