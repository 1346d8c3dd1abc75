import { ApiProperty, ApiPropertyOptional, IntersectionType, OmitType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBooleanString,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  MaxLength,
  Min,
} from 'class-validator';
import { NOTIFICATION_SEVERITIES, type NotificationSeverity } from '@pac/contracts';
import { BulkRequest } from './bulk';
import { PageQuery } from './page';

/** The languages of notifications (the inbox, e-mails, the live stream). */
export const NOTIFICATION_LOCALES = ['en', 'fr'] as const;
export type NotificationLocale = (typeof NOTIFICATION_LOCALES)[number];

export class NotificationLinks {
  @ApiPropertyOptional({ example: '/v1/tenants/0b0f6d8e-64a4-4b8e-9c39-6f1b1c7b2a01' }) tenant?: string;
  @ApiPropertyOptional({
    example: '/v1/tenants/0b0f6d8e-64a4-4b8e-9c39-6f1b1c7b2a01/environments/Production',
  })
  environment?: string;
  @ApiPropertyOptional({ example: '/v1/operations/7a1f7c8e-2b7d-4f0e-8c3a-5e9d1b2c4a6f' }) operation?: string;
}

export class NotificationResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({
    format: 'uuid',
    nullable: true,
    description:
      'The customer it is about; null for a notification about the partner itself (webhook.disabled)',
  })
  tenantId!: string | null;
  @ApiPropertyOptional({ nullable: true }) environmentName?: string | null;
  @ApiProperty({ description: 'The event type that caused it, e.g. update.failed (docs/notifications.md)' })
  type!: string;
  @ApiProperty({ enum: NOTIFICATION_SEVERITIES }) severity!: NotificationSeverity;
  @ApiProperty({ description: 'In the language asked for with ?locale= (English by default)' })
  title!: string;
  @ApiProperty() body!: string;
  @ApiProperty({ type: NotificationLinks, description: 'Gateway paths of what it is about' })
  links!: NotificationLinks;
  @ApiProperty({ format: 'date-time', description: 'When the event that caused it happened' })
  createdAt!: string;
  @ApiProperty({ format: 'date-time', nullable: true }) readAt!: string | null;
}

export class NotificationLocaleQuery {
  @ApiPropertyOptional({ enum: NOTIFICATION_LOCALES, default: 'en' })
  @IsOptional()
  @IsIn(NOTIFICATION_LOCALES)
  locale?: NotificationLocale;
}

export class ListNotificationsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ['true', 'false'] }) @IsOptional() @IsBooleanString() unread?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() tenantId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) type?: string;
  @ApiPropertyOptional({ enum: NOTIFICATION_SEVERITIES })
  @IsOptional()
  @IsIn(NOTIFICATION_SEVERITIES)
  severity?: NotificationSeverity;
  @ApiPropertyOptional({ enum: NOTIFICATION_LOCALES, default: 'en' })
  @IsOptional()
  @IsIn(NOTIFICATION_LOCALES)
  locale?: NotificationLocale;
}

/** `POST /v1/notifications/read-all`: every unread notification, or only a tenant's (`?tenantId=`, extension). */
export class ReadAllNotificationsQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only this customer’s notifications' })
  @IsOptional()
  @IsUUID()
  tenantId?: string;
}

export class ReadAllNotificationsResponse {
  @ApiProperty({ description: 'How many notifications this marked read' }) read!: number;
}

/** The live stream's catch-up (internal: the gateway's `GET /v1/stream` asks it). */
export class NotificationStreamQuery {
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) after?: number;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) limit?: number;
}

export interface NotificationStreamItem {
  sequence: number;
  tenantId: string | null;
  text: Record<NotificationLocale, { title: string; body: string }>;
  notification: Omit<NotificationResponse, 'title' | 'body'>;
}

/**
 * The caller's notifications after position `after`, in order, and the partner's last position when read
 * (what a stream that starts now starts after).
 */
export interface NotificationStreamPage {
  items: NotificationStreamItem[];
  /** The partner's last position when read, or the last item's when the page is full (`more`). */
  position: number;
  /** The page is full: ask again after `position`. */
  more: boolean;
}

export class RecipientRequest {
  @ApiProperty({ example: 'it@fabrikam.example' }) @IsEmail() @MaxLength(254) email!: string;
  @ApiProperty({ example: 'Fabrikam IT' }) @IsString() @Length(1, 200) name!: string;
  @ApiPropertyOptional({ enum: NOTIFICATION_LOCALES, default: 'en' })
  @IsOptional()
  @IsIn(NOTIFICATION_LOCALES)
  locale?: NotificationLocale;
  @ApiPropertyOptional({
    type: [String],
    description: 'Event types (update.failed), families (update.*) or *; all when left out',
    example: ['update.failed', 'update.missed'],
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  eventTypes?: string[];
}

export class RecipientResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) tenantId!: string;
  @ApiProperty() email!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: NOTIFICATION_LOCALES }) locale!: NotificationLocale;
  @ApiProperty({ type: [String], nullable: true, description: 'null: every event type' })
  eventTypes!: string[] | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class WebhookRequest {
  @ApiProperty({ example: 'https://hooks.partner.example/admin-center' })
  @IsString()
  @MaxLength(2000)
  url!: string;
  @ApiProperty({
    type: [String],
    description: 'Event types (update.failed), families (update.*) or * (every notification)',
    example: ['update.*', 'webhook.disabled'],
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  eventTypes!: string[];
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500) description?: string;
}

export class WebhookResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() url!: string;
  @ApiProperty({ type: [String] }) eventTypes!: string[];
  @ApiProperty({ nullable: true }) description!: string | null;
  @ApiProperty({ enum: ['enabled', 'disabled'] }) status!: 'enabled' | 'disabled';
  @ApiProperty({ format: 'date-time', nullable: true, description: 'Every delivery failed since then' })
  failingSince!: string | null;
  @ApiProperty({ format: 'date-time', nullable: true }) disabledAt!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class CreatedWebhookResponse extends WebhookResponse {
  @ApiProperty({
    description:
      'The signing secret, shown this once: deliveries carry x-signature: t=<unix>,v1=<hex HMAC-SHA256 of "t.body">',
  })
  secret!: string;
}

/** One delivery of a notification to a recipient or a webhook: the delivery log. */
export class DeliveryResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) notificationId!: string;
  @ApiProperty({ format: 'uuid', nullable: true }) tenantId!: string | null;
  @ApiProperty({ enum: ['pending', 'delivered', 'failed'] }) status!: 'pending' | 'delivered' | 'failed';
  @ApiProperty() attempts!: number;
  @ApiProperty({ nullable: true, description: 'HTTP status (webhooks) or SMTP reply code (e-mail)' })
  responseCode!: number | null;
  @ApiProperty({ nullable: true, description: 'Duration of the last attempt' }) latencyMs!: number | null;
  @ApiProperty({ nullable: true }) lastError!: string | null;
  @ApiProperty({ format: 'date-time', nullable: true }) firstAttemptAt!: string | null;
  @ApiProperty({ format: 'date-time', nullable: true }) lastAttemptAt!: string | null;
  @ApiProperty({ format: 'date-time', nullable: true }) nextAttemptAt!: string | null;
  @ApiProperty({ format: 'date-time', nullable: true }) deliveredAt!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'The delivery this one sends again' })
  redeliveryOf?: string | null;
}

/** `POST /v1/bulk/notification-recipients`: the same recipient on many customers. */
export class BulkNotificationRecipientsRequest extends IntersectionType(BulkRequest, RecipientRequest) {}

/** The notification service's part of the bulk action, for one tenant: the recipient to add. */
export class TenantNotificationRecipient extends OmitType(BulkNotificationRecipientsRequest, [
  'tenantIds',
] as const) {}
