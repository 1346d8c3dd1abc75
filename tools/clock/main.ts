/**
 * Moves the clock of the running system forward (development only):
 *   npm run clock -- advance 26h      npm run clock -- set 2026-12-01T22:00:00Z
 * It goes through the gateway's /v1/dev/clock, which moves every service and runs what became due.
 */
import { signDevTokenFromEnv } from '@pac/auth';

const UNITS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

async function main(): Promise<void> {
  const [command, value] = process.argv.slice(2);
  let body: { advanceMs?: number; to?: string };
  if (command === 'advance' && value) {
    const match = /^(\d+)(ms|s|m|h|d)$/.exec(value);
    if (!match) return fail('advance takes a duration such as 90m, 26h or 14d');
    body = { advanceMs: Number(match[1]) * UNITS[match[2]!]! };
  } else if (command === 'set' && value) {
    body = { to: value };
  } else {
    return fail('usage: npm run clock -- advance <duration> | set <ISO instant>');
  }
  const gateway = process.env['GATEWAY_URL'] ?? `http://127.0.0.1:${process.env['GATEWAY_PORT'] ?? 3000}`;
  const token = await signDevTokenFromEnv(process.env, {
    partnerId: '00000000-0000-4000-8000-000000000000',
    roles: ['platform:admin'],
  });
  const response = await fetch(`${gateway}/v1/dev/clock`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  process.stdout.write(`${JSON.stringify(await response.json(), null, 2)}\n`);
  if (!response.ok) process.exit(1);
}

function fail(message: string): void {
  process.stderr.write(`clock: ${message}\n`);
  process.exit(2);
}

void main();
