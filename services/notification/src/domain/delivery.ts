/**
 * The rules every delivery follows, by e-mail or webhook: an attempt's outcome decides whether it is done,
 * tried again later (exponential backoff) or given up (24 hours after its first attempt). Times come from the
 * service's clock, so tests move the clock instead of waiting.
 */

/** How long a delivery is tried before it is given up; and how long a webhook may fail before it is disabled. */
export const RETRY_FOR_MS = 24 * 60 * 60 * 1000;
/** The wait after the first failed attempt; each next one doubles, up to MAX_RETRY_DELAY_MS. */
export const FIRST_RETRY_DELAY_MS = 10_000;
export const MAX_RETRY_DELAY_MS = 60 * 60 * 1000;

export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

/** Where a delivery stands: what the delivery log shows. */
export interface DeliveryProgress {
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: string;
  firstAttemptAt: string | null;
  lastAttemptAt: string | null;
  /** The receiver's HTTP status (webhooks) or SMTP reply code (e-mail) of the last attempt, if it answered. */
  lastStatusCode: number | null;
  lastError: string | null;
  /** How long the last attempt took. */
  latencyMs: number | null;
  deliveredAt: string | null;
}

export type AttemptOutcome =
  | { ok: true; statusCode: number | null; latencyMs: number }
  | { ok: false; statusCode: number | null; error: string; latencyMs: number };

/** A new delivery, due at once. */
export function newDeliveryProgress(now: Date): DeliveryProgress {
  return {
    status: 'pending',
    attempts: 0,
    nextAttemptAt: now.toISOString(),
    firstAttemptAt: null,
    lastAttemptAt: null,
    lastStatusCode: null,
    lastError: null,
    latencyMs: null,
    deliveredAt: null,
  };
}

/** The wait after `failedAttempts` failed attempts: 10 s, 20 s, 40 s, ... up to one hour. */
export function retryDelayMs(failedAttempts: number): number {
  return Math.min(MAX_RETRY_DELAY_MS, FIRST_RETRY_DELAY_MS * 2 ** Math.max(0, failedAttempts - 1));
}

/** What one attempt made of a delivery: delivered, tried again after the backoff, or given up after 24 h. */
export function afterAttempt(
  delivery: DeliveryProgress,
  outcome: AttemptOutcome,
  now: Date,
): DeliveryProgress {
  const attempts = delivery.attempts + 1;
  const firstAttemptAt = delivery.firstAttemptAt ?? now.toISOString();
  const common = {
    attempts,
    firstAttemptAt,
    lastAttemptAt: now.toISOString(),
    lastStatusCode: outcome.statusCode,
    latencyMs: Math.round(outcome.latencyMs),
  };
  if (outcome.ok) {
    return {
      ...delivery,
      ...common,
      status: 'delivered',
      lastError: null,
      deliveredAt: now.toISOString(),
    };
  }
  const expired = now.getTime() - Date.parse(firstAttemptAt) >= RETRY_FOR_MS;
  return {
    ...delivery,
    ...common,
    status: expired ? 'failed' : 'pending',
    lastError: outcome.error,
    nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempts)).toISOString(),
  };
}

/** A pending delivery given up at once (its webhook was disabled). */
export function giveUp(delivery: DeliveryProgress, reason: string): DeliveryProgress {
  return delivery.status === 'pending' ? { ...delivery, status: 'failed', lastError: reason } : delivery;
}
