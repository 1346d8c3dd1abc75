import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import {
  OPERATION_STATUSES,
  OPERATION_TYPES,
  type OperationStatus,
  type OperationType,
} from '@pac/contracts';
import { PageQuery } from './page';

export class OperationErrorResponse {
  @ApiProperty({ example: 'incompatible-extensions' }) code!: string;
  @ApiProperty() message!: string;
}

/** A long-running or recorded action on an environment (docs/api-conventions.md, operations). */
export class OperationResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({
    enum: OPERATION_TYPES,
    description:
      'create runs asynchronously (202); rename, soft-delete, recover and purge are recorded as done',
  })
  type!: OperationType;
  @ApiProperty({ enum: OPERATION_STATUSES }) status!: OperationStatus;
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

  @ApiPropertyOptional({ enum: OPERATION_TYPES })
  @IsOptional()
  @IsIn(OPERATION_TYPES)
  type?: string;

  @ApiPropertyOptional({ enum: OPERATION_STATUSES })
  @IsOptional()
  @IsIn(OPERATION_STATUSES)
  status?: string;
}
