import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  APPLICATION_VERSION_PATTERN,
  ENVIRONMENT_STATUSES,
  ENVIRONMENT_TYPES,
  type EnvironmentStatus,
  type EnvironmentType,
} from '@pac/contracts';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MaxLength } from 'class-validator';

const NAME_RULES =
  'Shorter than 30 characters, starts with a letter, then letters, digits, "-" and "_"; unique in the tenant ' +
  'whatever the case (a soft delete renames the environment `<name>-yyMMddHHmmssff`, so its name is free at ' +
  'once). `Production` and `Sandbox`, the reference’s default names, are valid. Reserved, in any case: admin, ' +
  'api, environment, environments, extensions, new, null, operations, sandboxes, system, telemetry, tenant, ' +
  'updates.';
const NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_-]{0,28}$/;
const NAME_MESSAGE =
  'must be 1 to 29 characters, start with a letter and contain only letters, digits, "-" and "_"';

/**
 * POST /v1/tenants/{tenantId}/environments → 202 with the `create` operation. Beyond the quota of its type
 * (1 production and 3 sandboxes by default, 3 more sandboxes with each additional production environment a
 * platform admin grants; soft-deleted environments do not count): 409 quota-exceeded.
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

/**
 * POST .../environments/{name}/rename → 202 with the `rename` operation; 409 name-taken when another
 * environment of the tenant has the name (checked again when the operation runs: it then fails).
 */
export class RenameEnvironmentRequest {
  @ApiProperty({ example: 'Main-FR', maxLength: 29, pattern: NAME_PATTERN.source, description: NAME_RULES })
  @IsString()
  @MaxLength(100)
  @Matches(NAME_PATTERN, { message: `newName ${NAME_MESSAGE}` })
  newName!: string;
}

/**
 * POST .../environments/{name}/recover (the body may be left out) → 202 with the `recover` operation. By
 * default the environment gets back the name it had before its deletion; when another environment has that
 * name now, the recovery needs `newName` (409 original-name-taken). Its deleted name
 * (`<name>-yyMMddHHmmssff`) is a valid newName: it then keeps it.
 */
export class RecoverEnvironmentRequest {
  @ApiPropertyOptional({
    example: 'Main-old',
    maxLength: 29,
    pattern: NAME_PATTERN.source,
    description: `The name to recover the environment under. ${NAME_RULES}`,
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  @Matches(NAME_PATTERN, { message: `newName ${NAME_MESSAGE}` })
  newName?: string;
}

/** PUT /v1/tenants/{tenantId}/environment-quotas (platform admin): what the tenant has beyond the defaults. */
export class SetEnvironmentQuotasRequest {
  @ApiProperty({
    example: 1,
    minimum: 0,
    maximum: 100,
    description:
      'Production environments granted beyond the default one; each brings three more sandboxes (the ' +
      'reference’s rule). Lowering it below what the tenant uses keeps its environments and refuses new ones.',
  })
  @IsInt({ message: 'additionalProductionEnvironments must be an integer' })
  @Min(0, { message: 'additionalProductionEnvironments must be 0 or more' })
  @Max(100, { message: 'additionalProductionEnvironments must be 100 or less' })
  additionalProductionEnvironments!: number;
}

export class EnvironmentQuotaUsage {
  @ApiProperty({ example: 1, description: 'How many environments of this type the tenant may have' })
  quota!: number;
  @ApiProperty({ example: 1, description: 'How many it has (soft-deleted ones do not count)' })
  used!: number;
}

/** GET|PUT /v1/tenants/{tenantId}/environment-quotas: the tenant's quotas and what counts toward them. */
export class EnvironmentQuotasResponse {
  @ApiProperty({ format: 'uuid' }) tenantId!: string;
  @ApiProperty({ example: 0 }) additionalProductionEnvironments!: number;
  @ApiProperty({ type: EnvironmentQuotaUsage }) production!: EnvironmentQuotaUsage;
  @ApiProperty({ type: EnvironmentQuotaUsage }) sandbox!: EnvironmentQuotaUsage;
  @ApiProperty({
    format: 'date-time',
    nullable: true,
    type: String,
    description: 'When a grant was last set',
  })
  updatedAt!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Who set it (the platform admin’s subject)' })
  updatedBy!: string | null;
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
  @ApiProperty({
    nullable: true,
    type: String,
    example: null,
    description:
      'The name a soft-deleted environment had before its deletion renamed it `<name>-yyMMddHHmmssff` (the ' +
      'name a recovery gives back when it is free); null otherwise',
  })
  nameBeforeDeletion!: string | null;
}
