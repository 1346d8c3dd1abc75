import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { NOTIFICATION_SEVERITIES, type NotificationSeverity } from '../enums/notifications';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';

/**
 * `admin-center.notification.v1`: the partner inbox and its deliveries.
 *
 * Keys and subjects: a notification about a customer is keyed by its tenant id (subject
 * `tenants/<tenantId>[/environments/<name>]`); one about the partner itself (a webhook disabled) by the
 * partner id, subject `partners/<partnerId>`.
 */

/** A notification's title and text in one language. */
export class NotificationTextData {
  @IsString() @Length(1, 500) title!: string;
  @IsString() @Length(1, 5000) body!: string;
}

export class NotificationTextsData {
  @ValidateNested() @Type(() => NotificationTextData) en!: NotificationTextData;
  @ValidateNested() @Type(() => NotificationTextData) fr!: NotificationTextData;
}

/** Where to look: API paths of the gateway (`/v1/...`) of what the notification is about. */
export class NotificationLinksData {
  @IsOptional() @IsString() @MaxLength(500) tenant?: string;
  @IsOptional() @IsString() @MaxLength(500) environment?: string;
  @IsOptional() @IsString() @MaxLength(500) operation?: string;
}

/** A new entry of a partner's inbox, as the inbox shows it, with its position in the partner's stream. */
export class NotificationCreatedData {
  @IsUUID() notificationId!: string;
  @IsUUID() partnerId!: string;
  /** The customer it is about; null for a notification about the partner itself (a webhook disabled). */
  @IsOptional() @IsUUID() tenantId!: string | null;
  @IsOptional() @IsString() @Length(1, 30) environmentName!: string | null;
  /** The type of the event that caused it (e.g. `update.failed`), or `webhook.disabled`. */
  @IsString() @Length(1, 100) type!: string;
  @IsIn(NOTIFICATION_SEVERITIES) severity!: NotificationSeverity;
  @ValidateNested() @Type(() => NotificationTextsData) text!: NotificationTextsData;
  @ValidateNested() @Type(() => NotificationLinksData) links!: NotificationLinksData;
  /** The id (`ce_id`) of the event that caused it. */
  @IsUUID() sourceEventId!: string;
  /**
   * Its position in the partner's inbox: 1, 2, 3, ... with no gap, in the order the notifications were
   * committed. The live stream (`GET /v1/stream`) uses it as the event id, so `Last-Event-ID` resumes there.
   */
  @IsInt() @Min(1) sequence!: number;
  /** When the event that caused it happened. */
  @IsISO8601() createdAt!: string;
  @IsISO8601() occurredAt!: string;
}

/**
 * Notifications of one customer (or of the partner itself, tenantId null) were read: one
 * (`notificationId`), or every unread one at once (read-all). Consumers keep unread counts with `count`.
 */
export class NotificationReadData {
  @IsUUID() partnerId!: string;
  @IsOptional() @IsUUID() tenantId!: string | null;
  @IsInt() @Min(1) count!: number;
  @IsOptional() @IsUUID() notificationId?: string;
  @IsISO8601() readAt!: string;
  @IsISO8601() occurredAt!: string;
}

/** A webhook delivery was given up: 24 hours of failed attempts, or its webhook was disabled. */
export class WebhookDeliveryFailedData {
  @IsUUID() webhookId!: string;
  @IsUUID() deliveryId!: string;
  @IsUUID() partnerId!: string;
  @IsOptional() @IsUUID() tenantId!: string | null;
  @IsUUID() notificationId!: string;
  @IsInt() @Min(0) attempts!: number;
  @IsOptional() @IsInt() lastStatusCode!: number | null;
  @IsOptional() @IsString() @MaxLength(2000) lastError!: string | null;
  @IsIn(['expired', 'webhook-disabled']) reason!: 'expired' | 'webhook-disabled';
  @IsISO8601() occurredAt!: string;
}

export const NotificationCreated = defineEvent(
  'notification.created',
  Topics.notification,
  NotificationCreatedData,
);
export const NotificationRead = defineEvent('notification.read', Topics.notification, NotificationReadData);
export const WebhookDeliveryFailed = defineEvent(
  'webhook.delivery-failed',
  Topics.notification,
  WebhookDeliveryFailedData,
);
