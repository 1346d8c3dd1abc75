import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsEmail,
  IsIn,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';

export const TENANT_STATUSES = ['active', 'suspended', 'offboarded'] as const;
export type TenantStatus = (typeof TENANT_STATUSES)[number];

export class TenantContactData {
  @IsString() @Length(1, 200) name!: string;
  @IsEmail() email!: string;
  @IsOptional() @IsString() @MaxLength(100) role?: string;
}

/** The state of a tenant as carried by every tenant.* event, so consumers need no call back. */
export class TenantSnapshotData {
  @IsUUID() tenantId!: string;
  @IsUUID() partnerId!: string;
  @IsString() @Length(1, 200) name!: string;
  @Matches(/^[A-Z]{2}$/) countryCode!: string;
  @IsIn(TENANT_STATUSES) status!: TenantStatus;
  @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) tags!: string[];
  @IsArray() @ValidateNested({ each: true }) @Type(() => TenantContactData) contacts!: TenantContactData[];
  @IsISO8601() occurredAt!: string;
}

export class TenantCreatedData extends TenantSnapshotData {}
export class TenantUpdatedData extends TenantSnapshotData {}
export class TenantSuspendedData extends TenantSnapshotData {}
export class TenantResumedData extends TenantSnapshotData {}
export class TenantOffboardedData extends TenantSnapshotData {}

export const TenantCreated = defineEvent('tenant.created', Topics.tenant, TenantCreatedData);
export const TenantUpdated = defineEvent('tenant.updated', Topics.tenant, TenantUpdatedData);
export const TenantSuspended = defineEvent('tenant.suspended', Topics.tenant, TenantSuspendedData);
export const TenantResumed = defineEvent('tenant.resumed', Topics.tenant, TenantResumedData);
export const TenantOffboarded = defineEvent('tenant.offboarded', Topics.tenant, TenantOffboardedData);

/** Every tenant event: each carries the tenant snapshot, so a projection of tenants handles them alike. */
export const TENANT_SNAPSHOT_EVENTS = [
  TenantCreated,
  TenantUpdated,
  TenantSuspended,
  TenantResumed,
  TenantOffboarded,
];
