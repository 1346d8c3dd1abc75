import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  APPLICATION_VERSION_PATTERN,
  ENVIRONMENT_STATUSES,
  ENVIRONMENT_TYPES,
  type EnvironmentStatus,
  type EnvironmentType,
} from '@pac/contracts';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

const NAME_RULES =
  'Shorter than 30 characters, starts with a letter, then letters, digits, "-" and "_"; unique in the tenant ' +
  'whatever the case (soft-deleted environments keep their name until purged). Reserved, in any case: admin, ' +
  'api, default, environment, environments, extensions, new, null, operations, production, sandbox, ' +
  'sandboxes, system, telemetry, tenant, updates.';
const NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_-]{0,28}$/;
const NAME_MESSAGE =
  'must be 1 to 29 characters, start with a letter and contain only letters, digits, "-" and "_"';

/**
 * POST /v1/tenants/{tenantId}/environments → 202 with the `create` operation. Beyond the quota of its type
 * (3 production, 3 sandbox by default; soft-deleted ones count until purged): 409.
 */
export class CreateEnvironmentRequest {
  @ApiProperty({ example: 'Main', maxLength: 29, pattern: NAME_PATTERN.source, description: NAME_RULES })
  @IsString()
  @Matches(NAME_PATTERN, { message: `name ${NAME_MESSAGE}` })
  name!: string;

  @ApiProperty({ enum: ENVIRONMENT_TYPES })
  @IsIn(ENVIRONMENT_TYPES)
  type!: EnvironmentType;

  @ApiPropertyOptional({ example: 'FR', description: 'ISO 3166-1 alpha-2; default: the tenant’s country' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Z]{2}$/, { message: 'countryCode must be an ISO 3166-1 alpha-2 code such as FR' })
  countryCode?: string;

  @ApiPropertyOptional({
    example: '26.0',
    pattern: APPLICATION_VERSION_PATTERN.source,
    description:
      '"major.minor"; default: the current version (the tenant service’s DEFAULT_APPLICATION_VERSION)',
  })
  @IsOptional()
  @IsString()
  @Matches(APPLICATION_VERSION_PATTERN, { message: 'applicationVersion must be "major.minor", e.g. 26.0' })
  applicationVersion?: string;
}

/** POST .../environments/{name}/rename: 409 when another environment of the tenant has the name. */
export class RenameEnvironmentRequest {
  @ApiProperty({ example: 'Main-FR', maxLength: 29, pattern: NAME_PATTERN.source, description: NAME_RULES })
  @IsString()
  @MaxLength(100)
  @Matches(NAME_PATTERN, { message: `newName ${NAME_MESSAGE}` })
  newName!: string;
}

export class EnvironmentResponse {
  @ApiProperty({ example: 'Main' }) name!: string;
  @ApiProperty({ format: 'uuid' }) tenantId!: string;
  @ApiProperty({ enum: ENVIRONMENT_TYPES }) type!: EnvironmentType;
  @ApiProperty({
    enum: ENVIRONMENT_STATUSES,
    description: 'preparing until its create operation succeeds; soft-deleted until recovered or purged',
  })
  status!: EnvironmentStatus;
  @ApiProperty({ example: '26.0' }) applicationVersion!: string;
  @ApiProperty({ example: 'FR' }) countryCode!: string;
  @ApiProperty({ nullable: true, type: String, description: 'The environment a sandbox was copied from' })
  sourceEnvironment!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) softDeletedAt!: string | null;
  @ApiProperty({
    format: 'date-time',
    nullable: true,
    type: String,
    description: 'When a soft-deleted environment is purged (14 days after its deletion)',
  })
  purgeAt!: string | null;
}
