import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBooleanString, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { PageQuery } from './page';

export const NOTIFICATION_SEVERITIES = ['info', 'warning', 'error'] as const;

export class NotificationResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) tenantId!: string;
  @ApiPropertyOptional() environmentName?: string | null;
  @ApiProperty({ description: 'The event type that caused it, e.g. tenant.created' }) type!: string;
  @ApiProperty({ enum: NOTIFICATION_SEVERITIES }) severity!: (typeof NOTIFICATION_SEVERITIES)[number];
  @ApiProperty() title!: string;
  @ApiProperty() body!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time', nullable: true }) readAt!: string | null;
}

export class ListNotificationsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ['true', 'false'] }) @IsOptional() @IsBooleanString() unread?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() tenantId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) type?: string;
}
