import { DEVELOPMENT_JWT_SECRET } from '@pac/auth';
import { integerSetting, listSetting, NotInProduction, StatelessServiceConfig } from '@pac/bootstrap';
import { Transform } from 'class-transformer';
import {
  ArrayNotEmpty,
  IsArray,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';

const url = { require_tld: false, require_protocol: true };
/** An origin as browsers send it: scheme, host, optional port, nothing after. */
const ORIGIN = /^https?:\/\/[^/\s?#]+$/;

export class GatewayConfig extends StatelessServiceConfig {
  /** HS256 secret, unless tokens are checked against AUTH_JWKS_URL; the development default is refused in production. */
  @ValidateIf((c: GatewayConfig) => !c.AUTH_JWKS_URL)
  @IsString()
  @MinLength(32, { message: 'AUTH_JWT_SECRET must be at least 32 characters' })
  @NotInProduction(
    DEVELOPMENT_JWT_SECRET,
    'the development secret cannot be used in production (set AUTH_JWT_SECRET or AUTH_JWKS_URL)',
  )
  AUTH_JWT_SECRET: string = DEVELOPMENT_JWT_SECRET;

  @IsOptional() @IsUrl(url) AUTH_JWKS_URL?: string;
  @IsOptional() @IsString() AUTH_ISSUER?: string;
  @IsOptional() @IsString() AUTH_AUDIENCE?: string;

  /**
   * Where each service is: one URL (a Kubernetes Service, a load balancer), or several comma-separated, one
   * per instance, which the gateway balances itself (`npm start -- --instances 2`).
   */
  @Transform(listSetting) @ArrayNotEmpty() @IsUrl(url, { each: true }) TENANT_URL = ['http://127.0.0.1:3001'];
  @Transform(listSetting) @ArrayNotEmpty() @IsUrl(url, { each: true }) LIFECYCLE_URL = [
    'http://127.0.0.1:3002',
  ];
  @Transform(listSetting) @ArrayNotEmpty() @IsUrl(url, { each: true }) NOTIFICATION_URL = [
    'http://127.0.0.1:3003',
  ];
  @Transform(listSetting) @ArrayNotEmpty() @IsUrl(url, { each: true }) TELEMETRY_URL = [
    'http://127.0.0.1:3004',
  ];
  @Transform(listSetting) @ArrayNotEmpty() @IsUrl(url, { each: true }) SANDBOX_URL = [
    'http://127.0.0.1:3005',
  ];

  /** Connections kept open to each service. */
  @Transform(integerSetting) @IsInt() @Min(1) UPSTREAM_CONNECTIONS = 64;

  /** How long connecting to a service may take before it counts as unreachable (503). */
  @Transform(integerSetting) @IsInt() @Min(1) UPSTREAM_CONNECT_TIMEOUT_MS = 2_000;

  /** How long a service may take to start answering (its status and headers) before the gateway answers 504. */
  @Transform(integerSetting) @IsInt() @Min(1) UPSTREAM_HEADERS_TIMEOUT_MS = 10_000;

  /** How long a service's answer may pause between two chunks of its body before the gateway answers 504. */
  @Transform(integerSetting) @IsInt() @Min(1) UPSTREAM_BODY_TIMEOUT_MS = 10_000;

  /** Largest JSON body accepted, in bytes. */
  @Transform(integerSetting) @IsInt() @Min(1024) BODY_LIMIT_BYTES = 262_144;

  /**
   * Requests per minute per partner, per gateway instance (an in-memory token bucket: with N instances a
   * partner gets up to N times this). 0 turns rate limiting off (benchmarks).
   */
  @Transform(integerSetting) @IsInt() @Min(0) RATE_LIMIT_PER_MINUTE = 1200;

  /** Requests a partner may send at once before the per-minute rate applies (the bucket's size). */
  @Transform(integerSetting) @IsInt() @Min(1) RATE_LIMIT_BURST = 300;

  /**
   * The origins of the browser front ends allowed to call the API (the portal, partners' own front ends),
   * comma-separated, each `scheme://host[:port]`; none by default (no CORS).
   */
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string'
      ? value
          .split(',')
          .map((origin) => origin.trim())
          .filter((origin) => origin.length > 0)
      : value,
  )
  @IsArray()
  @Matches(ORIGIN, {
    each: true,
    message: 'CORS_ORIGINS: each origin is scheme://host[:port], without a path',
  })
  CORS_ORIGINS: string[] = [];

  /**
   * Kafka: telemetry ingestion sends accepted batches to the ingest topic; the live stream (`GET /v1/stream`)
   * follows notifications from it.
   */
  @Matches(/^[^,\s]+(,[^,\s]+)*$/, { message: 'must be a comma-separated list of host:port' })
  KAFKA_BROKERS!: string;

  /**
   * How long the gateway trusts what it learnt about an ingestion key (which environment it writes, or that
   * it is unknown): the longest a revoked key is still accepted. Keys are checked against the telemetry
   * service once per key and period, never per request.
   */
  @Transform(integerSetting) @IsInt() @Min(0) @Max(3_600_000) TELEMETRY_KEY_CACHE_TTL_MS = 30_000;

  /** Keys remembered at once (the least recently learnt go first). */
  @Transform(integerSetting) @IsInt() @Min(1) TELEMETRY_KEY_CACHE_SIZE = 10_000;

  /** How long an ingestion request waits for Kafka's acknowledgement before it answers 503. */
  @Transform(integerSetting) @IsInt() @Min(100) TELEMETRY_PRODUCE_TIMEOUT_MS = 5_000;

  /** How often an open stream gets a heartbeat (a comment line), so that proxies keep it open. */
  @Transform(integerSetting) @IsInt() @Min(100) STREAM_HEARTBEAT_MS = 15_000;

  /** Per-tenant calls a bulk action runs at the same time. */
  @Transform(integerSetting) @IsInt() @Min(1) @Max(64) BULK_CONCURRENCY = 8;
}
