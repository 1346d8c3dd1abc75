import { Type } from 'class-transformer';
import {
  IsArray,
  IsIn,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  ValidateNested,
} from 'class-validator';
import { APPLICATION_VERSION_PATTERN } from '../application-version';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';

export const ENVIRONMENT_TYPES = ['production', 'sandbox'] as const;
export type EnvironmentType = (typeof ENVIRONMENT_TYPES)[number];

export const ENVIRONMENT_STATUSES = ['preparing', 'active', 'updating', 'failed', 'soft-deleted'] as const;
export type EnvironmentStatus = (typeof ENVIRONMENT_STATUSES)[number];

/** An extension installed in an environment, with the application versions it supports. */
export class InstalledExtensionData {
  @IsUUID() extensionId!: string;
  @IsString() @Length(1, 100) publisher!: string;
  @IsString() @Length(1, 100) name!: string;
  @IsString() @Length(1, 50) version!: string;
  @Matches(APPLICATION_VERSION_PATTERN) minVersion!: string;
  @IsOptional() @Matches(APPLICATION_VERSION_PATTERN) maxVersion?: string;
}

/** An environment as it is after the change, carried by every environment and extension event. */
export class EnvironmentSnapshotData {
  @IsString() @Length(1, 30) name!: string;
  @IsIn(ENVIRONMENT_TYPES) type!: EnvironmentType;
  @IsIn(ENVIRONMENT_STATUSES) status!: EnvironmentStatus;
  @Matches(APPLICATION_VERSION_PATTERN) applicationVersion!: string;
  @Matches(/^[A-Z]{2}$/) countryCode!: string;
  @IsOptional() @IsString() sourceEnvironment?: string;
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => InstalledExtensionData)
  extensions!: InstalledExtensionData[];
}

/** Every environment.* and extension.* event: whose environment, its state after the change, and when. */
export class EnvironmentEventData {
  @IsUUID() tenantId!: string;
  @IsUUID() partnerId!: string;
  @ValidateNested() @Type(() => EnvironmentSnapshotData) environment!: EnvironmentSnapshotData;
  @IsISO8601() occurredAt!: string;
}

export class EnvironmentCreatedData extends EnvironmentEventData {
  /** The operation that created it (202 + operation in the API). */
  @IsOptional() @IsUUID() operationId?: string;
}

/**
 * Why an environment was renamed: a caller asked (`request`), a soft delete freed its name
 * (`soft-delete`: `<name>-yyMMddHHmmssff`), or a recovery gave it back its name or a new one (`recover`).
 */
export const ENVIRONMENT_RENAME_REASONS = ['request', 'soft-delete', 'recover'] as const;
export type EnvironmentRenameReason = (typeof ENVIRONMENT_RENAME_REASONS)[number];

export class EnvironmentRenamedData extends EnvironmentEventData {
  @IsString() @Length(1, 30) previousName!: string;
  /** Absent in events published before issue 11: a caller's request. */
  @IsOptional() @IsIn(ENVIRONMENT_RENAME_REASONS) reason?: EnvironmentRenameReason;
  /** The rename, soft delete or recover operation that made the change. */
  @IsOptional() @IsUUID() operationId?: string;
}

/**
 * A soft delete renames the environment (environment.renamed with reason `soft-delete` comes first, in the
 * same partition); the snapshot carries the new name, `previousName` the name it had.
 */
export class EnvironmentSoftDeletedData extends EnvironmentEventData {
  @IsISO8601() purgeAt!: string;
  @IsOptional() @IsString() @Length(1, 30) previousName?: string;
  @IsOptional() @IsUUID() operationId?: string;
}

/**
 * A recovery under another name than the deleted one is announced by environment.renamed (reason `recover`)
 * first; `previousName` is then the name it had while soft-deleted.
 */
export class EnvironmentRecoveredData extends EnvironmentEventData {
  @IsOptional() @IsString() @Length(1, 30) previousName?: string;
  @IsOptional() @IsUUID() operationId?: string;
}
export class EnvironmentPurgedData extends EnvironmentEventData {}

export class EnvironmentVersionChangedData extends EnvironmentEventData {
  @Matches(APPLICATION_VERSION_PATTERN) previousVersion!: string;
  /** The update that changed it, when it was one. */
  @IsOptional() @IsUUID() updateId?: string;
}

export class ExtensionInstalledData extends EnvironmentEventData {
  @IsUUID() extensionId!: string;
}

export class ExtensionUninstalledData extends EnvironmentEventData {
  @IsUUID() extensionId!: string;
}

export const EnvironmentCreated = defineEvent('environment.created', Topics.tenant, EnvironmentCreatedData);
export const EnvironmentRenamed = defineEvent('environment.renamed', Topics.tenant, EnvironmentRenamedData);
export const EnvironmentSoftDeleted = defineEvent(
  'environment.soft-deleted',
  Topics.tenant,
  EnvironmentSoftDeletedData,
);
export const EnvironmentRecovered = defineEvent(
  'environment.recovered',
  Topics.tenant,
  EnvironmentRecoveredData,
);
export const EnvironmentPurged = defineEvent('environment.purged', Topics.tenant, EnvironmentPurgedData);
export const EnvironmentVersionChanged = defineEvent(
  'environment.version-changed',
  Topics.tenant,
  EnvironmentVersionChangedData,
);
export const ExtensionInstalled = defineEvent('extension.installed', Topics.tenant, ExtensionInstalledData);
export const ExtensionUninstalled = defineEvent(
  'extension.uninstalled',
  Topics.tenant,
  ExtensionUninstalledData,
);
