import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The signature of a webhook delivery, part of the public contract (docs/notifications.md):
 * `x-signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`, keyed with the webhook's secret. The
 * timestamp lets receivers refuse old replays.
 */
export const WEBHOOK_SIGNATURE_HEADER = 'x-signature';

export function signWebhookBody(secret: string, unixSeconds: number, body: string): string {
  const mac = createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex');
  return `t=${unixSeconds},v1=${mac}`;
}

/**
 * Verifies a signature as a receiver should: the HMAC of the timestamp and the raw body, compared in constant
 * time, and the timestamp within `toleranceSeconds` of `nowSeconds`.
 */
export function verifyWebhookSignature(
  secret: string,
  header: string | undefined,
  body: string,
  nowSeconds: number,
  toleranceSeconds = 300,
): boolean {
  const parts = Object.fromEntries((header ?? '').split(',').map((p) => p.split('=') as [string, string]));
  const t = Number(parts['t']);
  const expected = createHmac('sha256', secret).update(`${parts['t']}.${body}`).digest();
  const given = Buffer.from(parts['v1'] ?? '', 'hex');
  return (
    given.length === expected.length &&
    timingSafeEqual(given, expected) &&
    Math.abs(nowSeconds - t) <= toleranceSeconds
  );
}
