import type { DomainError } from '@pac/domain';

/** What the notification service answers 404 with: another partner's resource is never revealed. */
export const NOTIFICATION_NOT_FOUND: DomainError<'notification-not-found'> = {
  code: 'notification-not-found',
  message: 'no such notification',
};
export const RECIPIENT_NOT_FOUND: DomainError<'recipient-not-found'> = {
  code: 'recipient-not-found',
  message: 'no such notification recipient',
};
export const WEBHOOK_NOT_FOUND: DomainError<'webhook-not-found'> = {
  code: 'webhook-not-found',
  message: 'no such webhook',
};
export const DELIVERY_NOT_FOUND: DomainError<'delivery-not-found'> = {
  code: 'delivery-not-found',
  message: 'no such delivery',
};
