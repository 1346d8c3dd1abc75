import { APPLICATION_VERSION_PATTERN } from '@pac/contracts';
import { integerSetting, ServiceConfig } from '@pac/bootstrap';
import { Transform } from 'class-transformer';
import { IsInt, Matches, Max, Min } from 'class-validator';

/** The tenant service's own settings, on top of every service's. */
export class TenantConfig extends ServiceConfig {
  /**
   * Production environments every tenant may have (the reference: one); a platform admin grants a tenant
   * more (PUT /v1/tenants/{id}/environment-quotas). Soft-deleted environments do not count.
   */
  @Transform(integerSetting) @IsInt() @Min(0) @Max(100) ENVIRONMENT_QUOTA_PRODUCTION = 1;

  /**
   * Sandbox environments every tenant may have (the reference: three); each additional production
   * environment granted brings three more. Soft-deleted environments do not count.
   */
  @Transform(integerSetting) @IsInt() @Min(0) @Max(100) ENVIRONMENT_QUOTA_SANDBOX = 3;

  /** The application version of a new environment when the request gives none: the current release. */
  @Matches(APPLICATION_VERSION_PATTERN, { message: 'must be "major.minor", e.g. 26.0' })
  DEFAULT_APPLICATION_VERSION = '26.0';

  /** How often (real time) the purge of soft-deleted environments runs; it also runs whenever the clock moves. */
  @Transform(integerSetting) @IsInt() @Min(1000) ENVIRONMENT_PURGE_INTERVAL_MS = 60_000;

  /** How often (real time) environments still preparing are looked for, should an instance have died mid-way. */
  @Transform(integerSetting) @IsInt() @Min(100) ENVIRONMENT_PREPARATION_INTERVAL_MS = 5_000;

  /** How often (real time) started updates are looked for and applied; it also runs whenever the clock moves. */
  @Transform(integerSetting) @IsInt() @Min(50) UPDATE_APPLY_INTERVAL_MS = 250;
}
