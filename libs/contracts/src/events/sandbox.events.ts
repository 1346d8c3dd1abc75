import { Type } from 'class-transformer';
import {
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Min,
  ValidateNested,
} from 'class-validator';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';

/**
 * `admin-center.sandbox.v1`: sandboxes, copies of a customer's environment made by the sandbox service's
 * saga (docs/sandboxes.md). Keyed by the tenant id, subject `tenants/<tenantId>/environments/<name>`.
 */
export const SANDBOX_STATUSES = [
  'queued',
  'copying',
  'updating',
  'ready',
  'failed',
  'canceling',
  'canceled',
  'deleting',
  'deleted',
  'expired',
] as const;
export type SandboxStatus = (typeof SANDBOX_STATUSES)[number];

export const SANDBOX_UPDATE_RESULTS = ['succeeded', 'failed'] as const;

/** An extension that kept the target version from being applied. */
export class SandboxBlockingExtensionData {
  @IsString() @Length(1, 200) publisher!: string;
  @IsString() @Length(1, 200) name!: string;
  @IsString() @Length(1, 100) version!: string;
}

/** What became of the target version asked for: applied, or refused with the extensions that block it. */
export class SandboxUpdateResultData {
  @IsString() targetVersion!: string;
  @IsIn(SANDBOX_UPDATE_RESULTS) status!: (typeof SANDBOX_UPDATE_RESULTS)[number];
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => SandboxBlockingExtensionData)
  blockingExtensions?: SandboxBlockingExtensionData[];
}

/** Every sandbox.* event: the sandbox after the change. */
export class SandboxEventData {
  @IsUUID() sandboxId!: string;
  /** The sandbox request's operation (POST .../sandboxes answered it). */
  @IsUUID() operationId!: string;
  @IsUUID() tenantId!: string;
  @IsUUID() partnerId!: string;
  @IsString() @Length(1, 30) name!: string;
  @IsString() @Length(1, 30) sourceEnvironment!: string;
  @IsIn(SANDBOX_STATUSES) status!: SandboxStatus;
  @IsOptional() @IsString() applicationVersion?: string;
  @IsOptional() @IsString() targetVersion?: string;
  @IsOptional() @IsISO8601() expiresAt?: string;
  @IsOptional() @IsUUID() issueId?: string;
  @IsOptional() @ValidateNested() @Type(() => SandboxUpdateResultData) updateResult?: SandboxUpdateResultData;
  @IsISO8601() occurredAt!: string;
}

export class SandboxRequestedData extends SandboxEventData {
  @IsInt() @Min(1) expiresInDays!: number;
}
export class SandboxReadyData extends SandboxEventData {}
export class SandboxFailedData extends SandboxEventData {
  @IsString() @Length(1, 100) code!: string;
  @IsString() message!: string;
}
export class SandboxDeletedData extends SandboxEventData {
  /** `request`: a partner deleted it; `canceled`: its copy was canceled and compensated. */
  @IsIn(['request', 'canceled']) reason!: 'request' | 'canceled';
}
export class SandboxExpiredData extends SandboxEventData {}
/** The warning before expiry (EXPIRY_WARNING_DAYS before expiresAt): extend it, or it goes. */
export class SandboxExpiringData extends SandboxEventData {
  @IsISO8601() declare expiresAt: string;
}

export const SandboxRequested = defineEvent('sandbox.requested', Topics.sandbox, SandboxRequestedData);
export const SandboxReady = defineEvent('sandbox.ready', Topics.sandbox, SandboxReadyData);
export const SandboxFailed = defineEvent('sandbox.failed', Topics.sandbox, SandboxFailedData);
export const SandboxDeleted = defineEvent('sandbox.deleted', Topics.sandbox, SandboxDeletedData);
export const SandboxExpired = defineEvent('sandbox.expired', Topics.sandbox, SandboxExpiredData);
export const SandboxExpiring = defineEvent('sandbox.expiring', Topics.sandbox, SandboxExpiringData);
