import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBooleanString, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { NOTIFICATION_SEVERITIES, type NotificationSeverity } from '@pac/contracts';
import { PageQuery } from './page';

export class NotificationResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) tenantId!: string;
  @ApiPropertyOptional() environmentName?: string | null;
  @ApiProperty({ description: 'The event type that caused it, e.g. tenant.created' }) type!: string;
  @ApiProperty({ enum: NOTIFICATION_SEVERITIES }) severity!: NotificationSeverity;
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
