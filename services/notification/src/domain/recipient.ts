import { accept, refuse, type Decision, type DomainError } from '@pac/domain';
import { isEventTypePattern } from './event-type-filter';
import type { Locale } from './notification-text';

/** Someone of a customer who gets its notifications by e-mail, in their language, of the types they chose. */
export interface Recipient {
  id: string;
  partnerId: string;
  tenantId: string;
  email: string;
  name: string;
  locale: Locale;
  /** The event types (or patterns) they receive; null: every type. */
  eventTypes: string[] | null;
  createdAt: string;
}

export interface NewRecipientRequest {
  email: string;
  name: string;
  locale?: Locale;
  eventTypes?: string[];
}

export type RecipientRefusal = DomainError<'event-types-invalid' | 'recipient-exists'>;

/** A new recipient of a tenant; one e-mail address once per tenant (any case). */
export function decideAddRecipient(
  id: string,
  tenant: { partnerId: string; tenantId: string },
  request: NewRecipientRequest,
  existingEmails: readonly string[],
  now: Date,
): Decision<Recipient, RecipientRefusal> {
  const invalid = request.eventTypes?.find((type) => !isEventTypePattern(type));
  if (invalid !== undefined)
    return refuse('event-types-invalid', `"${invalid}" is not an event type or pattern`, 'eventTypes');
  if (request.eventTypes?.length === 0)
    return refuse(
      'event-types-invalid',
      'eventTypes names no event type (leave it out for all)',
      'eventTypes',
    );
  const email = request.email.trim();
  if (existingEmails.some((other) => other.toLowerCase() === email.toLowerCase()))
    return refuse('recipient-exists', `${email} already receives this customer's notifications`);
  return accept({
    id,
    partnerId: tenant.partnerId,
    tenantId: tenant.tenantId,
    email,
    name: request.name.trim(),
    locale: request.locale ?? 'en',
    eventTypes: request.eventTypes ? [...new Set(request.eventTypes)] : null,
    createdAt: now.toISOString(),
  });
}
