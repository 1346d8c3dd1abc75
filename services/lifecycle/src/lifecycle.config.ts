import { integerSetting, ServiceConfig } from '@pac/bootstrap';
import { Transform } from 'class-transformer';
import { IsInt, Min } from 'class-validator';

/** The lifecycle service's own settings, on top of every service's. */
export class LifecycleConfig extends ServiceConfig {
  /** How often (real time) releases that became available are looked for; also whenever the clock moves. */
  @Transform(integerSetting) @IsInt() @Min(100) RELEASE_DISTRIBUTION_INTERVAL_MS = 1_000;

  /** How often (real time) due and missed updates are looked for; also whenever the clock moves. */
  @Transform(integerSetting) @IsInt() @Min(100) DUE_UPDATES_INTERVAL_MS = 1_000;
}
