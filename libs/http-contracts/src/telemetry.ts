import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { TELEMETRY_SEVERITIES, type TelemetrySeverity } from '@pac/contracts';

export class TelemetryRowResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) tenantId!: string;
  @ApiPropertyOptional({ nullable: true }) environmentName!: string | null;
  @ApiProperty({ format: 'date-time' }) timestamp!: string;
  @ApiProperty({ enum: TELEMETRY_SEVERITIES }) severity!: TelemetrySeverity;
  @ApiProperty() eventId!: string;
  @ApiProperty() message!: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) dimensions!: Record<string, unknown>;
}
