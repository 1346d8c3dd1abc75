import { integerSetting, listSetting, ServiceConfig } from '@pac/bootstrap';
import { Transform } from 'class-transformer';
import { ArrayNotEmpty, IsInt, IsUrl, Min } from 'class-validator';

/** The sandbox service's own settings, on top of every service's. */
export class SandboxConfig extends ServiceConfig {
  /**
   * The tenant service, which makes and withdraws the copies and owns the sandbox quota: one URL, or several
   * instances comma-separated (`npm start -- --instances 2`), tried in turn when one refuses the connection.
   */
  @Transform(listSetting)
  @ArrayNotEmpty()
  @IsUrl({ require_tld: false, require_protocol: true }, { each: true })
  TENANT_URL = ['http://127.0.0.1:3001'];

  /** How often (real time) the saga looks for steps to run; also right after each request and clock move. */
  @Transform(integerSetting) @IsInt() @Min(50) SANDBOX_SAGA_INTERVAL_MS = 250;

  /** How often (real time) expired sandboxes and due warnings are looked for; also whenever the clock moves. */
  @Transform(integerSetting) @IsInt() @Min(100) SANDBOX_EXPIRY_INTERVAL_MS = 5_000;

  /** How long one call to the tenant service may take before the step is tried again later. */
  @Transform(integerSetting) @IsInt() @Min(100) TENANT_CALL_TIMEOUT_MS = 5_000;
}
