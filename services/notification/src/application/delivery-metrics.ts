import { DURATION_BUCKETS_SECONDS, sharedCounter, sharedHistogram } from '@pac/messaging';
import type { AttemptOutcome } from '../domain/delivery';

const attempts = sharedCounter({
  name: 'notification_delivery_attempts_total',
  help: 'Webhook POSTs and e-mails sent, by channel and outcome (ok, or failed: retried with backoff for 24 hours)',
  labelNames: ['channel', 'outcome'] as const,
});

const duration = sharedHistogram({
  name: 'notification_delivery_duration_seconds',
  help: "One delivery attempt, from the request's start to the target's answer (or the error)",
  labelNames: ['channel'] as const,
  buckets: DURATION_BUCKETS_SECONDS,
});

export function countDeliveryAttempt(channel: 'webhook' | 'email', outcome: AttemptOutcome): void {
  attempts.inc({ channel, outcome: outcome.ok ? 'ok' : 'failed' });
  duration.observe({ channel }, outcome.latencyMs / 1000);
}
