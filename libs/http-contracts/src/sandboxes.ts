import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { APPLICATION_VERSION_PATTERN, SANDBOX_STATUSES, type SandboxStatus } from '@pac/contracts';
import { IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';

/** How many sandbox copies a tenant may have at once (`GET .../sandbox-quota`). */
export class SandboxQuotaResponse {
  @ApiProperty({ format: 'uuid' }) tenantId!: string;
  @ApiProperty({ example: 3 }) maxSandboxes!: number;
}

const SANDBOX_NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_-]{0,28}$/;

/**
 * POST /v1/tenants/{tenantId}/sandboxes → 202 with the sandbox's `copy` operation, `queued`: the sandbox
 * service's saga copies the source (the tenant service's copy, under the tenant's one sandbox quota: 409
 * quota-exceeded when it is full, counting the sandboxes already queued), then applies `targetVersion` if one
 * was asked. docs/sandboxes.md.
 */
export class CreateSandboxRequest {
  @ApiProperty({
    example: 'Repro-Payments',
    maxLength: 29,
    pattern: SANDBOX_NAME_PATTERN.source,
    description: 'The sandbox environment’s name: the naming rules of environments.',
  })
  @IsString()
  @Matches(SANDBOX_NAME_PATTERN, {
    message:
      'name must be 1 to 29 characters, start with a letter and contain only letters, digits, "-" and "_"',
  })
  name!: string;

  @ApiPropertyOptional({
    example: 'Production',
    description: 'Default: the tenant’s production environment.',
  })
  @IsOptional()
  @IsString()
  @Matches(SANDBOX_NAME_PATTERN, { message: 'sourceEnvironment must be an environment name' })
  sourceEnvironment?: string;

  @ApiPropertyOptional({
    example: '27.0',
    pattern: APPLICATION_VERSION_PATTERN.source,
    description: 'A published or planned release (preview allowed) to apply once the copy is made.',
  })
  @IsOptional()
  @IsString()
  @Matches(APPLICATION_VERSION_PATTERN, { message: 'targetVersion must be "major.minor", e.g. 27.0' })
  targetVersion?: string;

  @ApiPropertyOptional({ default: 30, minimum: 1, maximum: 90 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(90)
  expiresInDays?: number;
}

/** POST .../sandboxes/{name}/extend: the expiry moves `days` later (at most 90 days from now). */
export class ExtendSandboxRequest {
  @ApiProperty({ minimum: 1, maximum: 90 })
  @IsInt()
  @Min(1)
  @Max(90)
  days!: number;
}

export class SandboxBlockingExtension {
  @ApiProperty() publisher!: string;
  @ApiProperty() name!: string;
  @ApiProperty() version!: string;
}

export class SandboxUpdateResult {
  @ApiProperty() targetVersion!: string;
  @ApiProperty({ enum: ['succeeded', 'failed'] }) status!: string;
  @ApiPropertyOptional({ type: [SandboxBlockingExtension] }) blockingExtensions?: SandboxBlockingExtension[];
}

/** A sandbox as GET .../sandboxes lists it. */
export class SandboxResponse {
  @ApiProperty() name!: string;
  @ApiProperty({ format: 'uuid' }) tenantId!: string;
  @ApiProperty() sourceEnvironment!: string;
  @ApiProperty({ nullable: true, type: String }) applicationVersion!: string | null;
  @ApiProperty({ enum: SANDBOX_STATUSES }) status!: SandboxStatus;
  @ApiProperty({ nullable: true, type: String }) targetVersion!: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) expiresAt!: string | null;
  @ApiProperty({ type: SandboxUpdateResult, nullable: true }) updateResult!: SandboxUpdateResult | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) issueId!: string | null;
  @ApiProperty({ format: 'uuid', description: 'The operation of its latest request (create or refresh)' })
  operationId!: string;
  @ApiProperty({ nullable: true, description: 'Why it failed' }) error!: {
    code: string;
    message: string;
  } | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

/** POST /v1/issues/{issueId}/sandbox: everything optional (the body may be left out). */
export class SandboxForIssueRequest {
  @ApiPropertyOptional({ description: 'Default: `Issue-` and the first 8 characters of the issue id' })
  @IsOptional()
  @IsString()
  @Matches(SANDBOX_NAME_PATTERN, {
    message:
      'name must be 1 to 29 characters, start with a letter and contain only letters, digits, "-" and "_"',
  })
  name?: string;

  @ApiPropertyOptional({ pattern: APPLICATION_VERSION_PATTERN.source })
  @IsOptional()
  @IsString()
  @Matches(APPLICATION_VERSION_PATTERN, { message: 'targetVersion must be "major.minor", e.g. 27.0' })
  targetVersion?: string;

  @ApiPropertyOptional({ default: 30, minimum: 1, maximum: 90 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(90)
  expiresInDays?: number;
}
