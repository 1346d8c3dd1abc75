import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { PageQuery } from './page';

export const OPERATION_STATUS_VALUES = [
  'queued',
  'scheduled',
  'running',
  'succeeded',
  'failed',
  'canceled',
  'skipped',
] as const;
export const OPERATION_TYPE_VALUES = [
  'create',
  'rename',
  'soft-delete',
  'recover',
  'purge',
  'update',
  'copy',
] as const;

export class OperationErrorResponse {
  @ApiProperty({ example: 'incompatible-extensions' }) code!: string;
  @ApiProperty() message!: string;
}

/** A long-running or recorded action on an environment (api.md conventions). */
export class OperationResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({
    enum: OPERATION_TYPE_VALUES,
    description:
      'create runs asynchronously (202); rename, soft-delete, recover and purge are recorded as done',
  })
  type!: (typeof OPERATION_TYPE_VALUES)[number];
  @ApiProperty({ enum: OPERATION_STATUS_VALUES }) status!: (typeof OPERATION_STATUS_VALUES)[number];
  @ApiProperty({ format: 'uuid' }) tenantId!: string;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'The environment’s name when the operation was made',
  })
  environmentName!: string | null;
  @ApiProperty({ description: 'The caller’s subject, or "system" for what the clock does' })
  createdBy!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) startedAt!: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) completedAt!: string | null;
  @ApiProperty({ type: OperationErrorResponse, nullable: true }) error!: OperationErrorResponse | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'What the operation was asked to do',
  })
  parameters!: Record<string, unknown>;
}

export class ListOperationsQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Only this environment’s (by name, any case)' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  environmentName?: string;

  @ApiPropertyOptional({ enum: OPERATION_TYPE_VALUES })
  @IsOptional()
  @IsIn(OPERATION_TYPE_VALUES)
  type?: string;

  @ApiPropertyOptional({ enum: OPERATION_STATUS_VALUES })
  @IsOptional()
  @IsIn(OPERATION_STATUS_VALUES)
  status?: string;
}
