import { createHmac } from 'node:crypto';

/**
 * The signature header of a webhook delivery: `x-signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">`
 * keyed with the webhook's secret. The timestamp lets receivers refuse old replays (docs/notifications.md shows
 * how to verify it).
 */
export const SIGNATURE_HEADER = 'x-signature';

export function signatureOf(secret: string, unixSeconds: number, body: string): string {
  const mac = createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex');
  return `t=${unixSeconds},v1=${mac}`;
}
