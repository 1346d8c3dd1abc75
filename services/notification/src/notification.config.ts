import { integerSetting, NotInProduction, ServiceConfig } from '@pac/bootstrap';
import { Transform } from 'class-transformer';
import { IsBoolean, IsInt, IsString, IsUrl, Matches, Max, Min } from 'class-validator';

/**
 * The development key of webhook secrets: 32 bytes, base64. Refused in production, where WEBHOOK_SECRET_KEY
 * must be set (like INTERNAL_AUTH_SECRET): secrets encrypted with a published key are not secret.
 */
export const DEVELOPMENT_WEBHOOK_SECRET_KEY = 'ZGV2LW9ubHktd2ViaG9vay1rZXktY2hhbmdlLW1lLTA=';

const booleanSetting = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : value === true || value === 'true' || value === '1';

/** The notification service's own settings, on top of every service's. */
export class NotificationConfig extends ServiceConfig {
  /** The SMTP server e-mails go to (`smtp://` or `smtps://`, credentials in the URL if any). */
  @Matches(/^smtps?:\/\//, { message: 'must be an smtp:// or smtps:// URL' })
  SMTP_URL = 'smtp://127.0.0.1:2525';

  /** The sender of notification e-mails. */
  @IsString() EMAIL_FROM = 'Partner Admin Center <notifications@partner-admin-center.local>';

  /** The base of the links in e-mails: the portal (or the gateway). */
  @IsUrl({ require_tld: false, require_protocol: true }) LINK_BASE_URL = 'http://127.0.0.1:3000';

  /** Key (32 bytes, base64) that encrypts webhook secrets at rest; required in production. */
  @Matches(/^[A-Za-z0-9+/]{43}=$/, { message: 'WEBHOOK_SECRET_KEY must be 32 bytes in base64' })
  @NotInProduction(
    DEVELOPMENT_WEBHOOK_SECRET_KEY,
    'the development WEBHOOK_SECRET_KEY cannot be used in production',
  )
  WEBHOOK_SECRET_KEY = DEVELOPMENT_WEBHOOK_SECRET_KEY;

  /**
   * Allow webhook targets on private, link-local and loopback addresses (receivers inside the network). Off by
   * default: in production only public addresses are called; elsewhere loopback is allowed too.
   */
  @Transform(booleanSetting) @IsBoolean() WEBHOOK_ALLOW_PRIVATE_TARGETS = false;

  /** How long a receiver may take to answer a delivery before the attempt counts as failed. */
  @Transform(integerSetting) @IsInt() @Min(100) @Max(60_000) WEBHOOK_TIMEOUT_MS = 10_000;

  /** Deliveries sent at once (webhooks: at most one per lane). */
  @Transform(integerSetting) @IsInt() @Min(1) @Max(1000) WEBHOOK_BATCH_SIZE = 200;
  @Transform(integerSetting) @IsInt() @Min(1) @Max(1000) EMAIL_BATCH_SIZE = 50;

  /** How often (real time) due deliveries are looked for; also whenever the clock moves. */
  @Transform(integerSetting) @IsInt() @Min(10) WEBHOOK_DISPATCH_INTERVAL_MS = 200;
  @Transform(integerSetting) @IsInt() @Min(10) EMAIL_DISPATCH_INTERVAL_MS = 500;
}
