import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export const TELEMETRY_SEVERITIES = ['verbose', 'info', 'warning', 'error', 'critical'] as const;

export class TelemetryRowResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) tenantId!: string;
  @ApiPropertyOptional({ nullable: true }) environmentName!: string | null;
  @ApiProperty({ format: 'date-time' }) timestamp!: string;
  @ApiProperty({ enum: TELEMETRY_SEVERITIES }) severity!: (typeof TELEMETRY_SEVERITIES)[number];
  @ApiProperty() eventId!: string;
  @ApiProperty() message!: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) dimensions!: Record<string, unknown>;
}
