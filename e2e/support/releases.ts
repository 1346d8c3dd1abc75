import type { GatewayClient } from '@pac/testing';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;

/**
 * The system's time (the lifecycle service's clock): every instant a test computes starts from it, never
 * from the machine's clock, since suites before it moved the clock forward.
 */
export async function systemNow(platform: GatewayClient): Promise<Date> {
  const answer = await platform.post<{ services: Record<string, string> }>('/v1/dev/clock', { advanceMs: 0 });
  if (answer.status !== 200) throw new Error(`reading the clock: ${answer.status}`);
  return new Date(answer.body.services['lifecycle']!);
}

/** Moves every service's clock to `instant`; answers once their clock-driven jobs ran. */
export async function moveClockTo(platform: GatewayClient, instant: Date): Promise<void> {
  const answer = await platform.post('/v1/dev/clock', { to: instant.toISOString() });
  if (answer.status !== 200 && answer.status !== 201) throw new Error(`moving the clock: ${answer.status}`);
}

/**
 * Publishes the next release of a major version (`<major>.<highest minor published so far + 1>`), available
 * now (or from `availableFrom`). A release reaches every environment on an older version, so each suite keeps its environments on a
 * major version of its own, and being the newest of its major makes an update to it supersede (skip) every
 * update to that major a previous run of the suite left behind.
 */
export async function publishNextRelease(
  platform: GatewayClient,
  major: number,
  {
    type = 'minor',
    latestSelectableDays = 365,
    availableFrom: from,
  }: { type?: string; latestSelectableDays?: number; availableFrom?: Date } = {},
): Promise<string> {
  const availableFrom = (from ?? new Date((await systemNow(platform)).getTime() - MINUTE)).toISOString();
  let minor = (await highestMinor(platform, major)) + 1;
  for (;;) {
    const version = `${major}.${minor}`;
    const answer = await platform.post('/v1/releases', {
      version,
      type,
      availableFrom,
      latestSelectableDays,
    });
    if (answer.status === 201) return version;
    if (answer.status !== 409) throw new Error(`publishing ${version}: ${answer.status}`);
    minor += 1;
  }
}

/** The highest minor version of `major` published so far (0 when none): releases are listed newest first. */
async function highestMinor(platform: GatewayClient, major: number): Promise<number> {
  let cursor: string | null = null;
  do {
    const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
    const page = await platform.get<{ items: Array<{ version: string }>; nextCursor: string | null }>(
      `/v1/releases?limit=100${query}`,
    );
    if (page.status !== 200) throw new Error(`listing releases: ${page.status}`);
    for (const { version } of page.body.items) {
      const [releaseMajor, releaseMinor] = version.split('.').map(Number);
      if (releaseMajor === major) return releaseMinor!;
      if (releaseMajor! < major) return 0;
    }
    cursor = page.body.nextCursor;
  } while (cursor);
  return 0;
}
