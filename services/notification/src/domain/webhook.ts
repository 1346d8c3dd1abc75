import { accept, refuse, type Decision, type DomainError } from '@pac/domain';
import { RETRY_FOR_MS, type AttemptOutcome, type DeliveryStatus } from './delivery';
import { isEventTypePattern } from './event-type-filter';

/** A partner's webhook: where its notifications of the subscribed types are POSTed, signed. */
export interface Webhook {
  id: string;
  partnerId: string;
  url: string;
  /** Event types (`update.failed`) or patterns (`update.*`, `*`) it receives. */
  eventTypes: string[];
  description: string | null;
  status: 'enabled' | 'disabled';
  /** Since when every attempt failed (null after a success): 24 hours of it disable the webhook. */
  failingSince: string | null;
  disabledAt: string | null;
  createdAt: string;
}

export interface NewWebhookRequest {
  url: string;
  eventTypes: string[];
  description?: string;
}

export type WebhookRefusal = DomainError<
  | 'webhook-url-invalid'
  | 'event-types-invalid'
  | 'webhook-not-disabled'
  | 'webhook-disabled'
  | 'delivery-pending'
>;

/** A new webhook, enabled, if its URL is http(s) without credentials and its event types are valid. */
export function decideCreateWebhook(
  id: string,
  partnerId: string,
  request: NewWebhookRequest,
  now: Date,
): Decision<Webhook, WebhookRefusal> {
  const url = parseTargetUrl(request.url);
  if (!url)
    return refuse('webhook-url-invalid', 'the url must be http:// or https:// without credentials', 'url');
  const invalid = request.eventTypes.find((type) => !isEventTypePattern(type));
  if (request.eventTypes.length === 0 || invalid !== undefined) {
    return refuse(
      'event-types-invalid',
      invalid === undefined
        ? 'eventTypes names no event type'
        : `"${invalid}" is not an event type or pattern`,
      'eventTypes',
    );
  }
  return accept({
    id,
    partnerId,
    url: url.toString(),
    eventTypes: [...new Set(request.eventTypes)],
    description: request.description ?? null,
    status: 'enabled',
    failingSince: null,
    disabledAt: null,
    createdAt: now.toISOString(),
  });
}

/** What an attempt tells of the webhook: a success clears its failing time, 24 hours of failures disable it. */
export function webhookAfterAttempt(webhook: Webhook, outcome: AttemptOutcome, now: Date): Webhook {
  if (webhook.status === 'disabled') return webhook;
  if (outcome.ok) return webhook.failingSince ? { ...webhook, failingSince: null } : webhook;
  const failingSince = webhook.failingSince ?? now.toISOString();
  if (now.getTime() - Date.parse(failingSince) >= RETRY_FOR_MS) {
    return { ...webhook, failingSince, status: 'disabled', disabledAt: now.toISOString() };
  }
  return { ...webhook, failingSince };
}

/** A disabled webhook enabled again, its failures forgotten. */
export function decideEnableWebhook(webhook: Webhook): Decision<Webhook, WebhookRefusal> {
  if (webhook.status === 'enabled') return refuse('webhook-not-disabled', 'the webhook is enabled already');
  return accept({ ...webhook, status: 'enabled', failingSince: null, disabledAt: null });
}

/**
 * Whether a delivery may be sent again on request: not to a disabled webhook (enable it first), and not while it
 * is still pending (it is tried again on its own).
 */
export function decideRedelivery(
  webhook: Pick<Webhook, 'status'>,
  delivery: { status: DeliveryStatus },
): Decision<true, WebhookRefusal> {
  if (webhook.status === 'disabled')
    return refuse('webhook-disabled', 'the webhook is disabled: enable it first');
  if (delivery.status === 'pending')
    return refuse('delivery-pending', 'the delivery is still pending: it is tried again on its own');
  return accept(true);
}

function parseTargetUrl(text: string): URL | undefined {
  try {
    const url = new URL(text);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
    if (url.username || url.password || !url.hostname) return undefined;
    return url;
  } catch {
    return undefined;
  }
}
