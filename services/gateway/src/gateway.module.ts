import { Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TokenVerifier } from '@pac/auth';
import { Clock, createClock } from '@pac/clock';
import { HealthController, LOGGER, MetricsController, READINESS_CHECKS, type Logger } from '@pac/bootstrap';
import { AuthGuard } from './auth/auth.guard';
import { BulkActions } from './bulk/bulk-actions';
import { UpstreamTenantLookup } from './bulk/tenant-lookup';
import { GatewayConfig } from './gateway.config';
import { RateLimiter } from './rate-limit/rate-limiter';
import { BulkController } from './routes/bulk.controller';
import { DevClockController } from './routes/dev-clock.controller';
import { LifecycleController } from './routes/lifecycle.controller';
import { NotificationController } from './routes/notification.controller';
import { OperationCancelController } from './routes/operation-cancel.controller';
import { SandboxController } from './routes/sandbox.controller';
import { TelemetryIngestController } from './routes/telemetry-ingest.controller';
import { StreamController } from './routes/stream.controller';
import { NotificationFeed } from './stream/notification-feed';
import { TelemetryController } from './routes/telemetry.controller';
import { IngestProducer } from './telemetry-ingest/ingest-producer';
import { TelemetryIngestion } from './telemetry-ingest/telemetry-ingestion';
import { TelemetryKeyCache } from './telemetry-ingest/telemetry-key-cache';
import { TenantController } from './routes/tenant.controller';
import { Upstream } from './upstream/upstream';
import { QueryParamsGuard } from './validation/query-params.guard';

/** The only public entry point: authentication, authorisation, validation, then the services' internal APIs. */
@Module({})
export class GatewayModule {
  static forConfig(config: GatewayConfig, logger: Logger): DynamicModule {
    return {
      module: GatewayModule,
      controllers: [
        HealthController,
        MetricsController,
        // the routes each service owns, forwarded as they are (@ForwardsTo)
        TenantController,
        LifecycleController,
        NotificationController,
        StreamController,
        TelemetryController,
        SandboxController,
        // the routes that need more than one call
        OperationCancelController,
        // telemetry ingestion: keyed by an ingestion key, produced to Kafka by the gateway itself
        TelemetryIngestController,
        BulkController,
        ...(config.isProduction ? [] : [DevClockController]),
      ],
      providers: [
        { provide: GatewayConfig, useValue: config },
        { provide: LOGGER, useValue: logger },
        // the ingestion keys' cache runs on it (movable outside production, like every service's)
        { provide: Clock, useValue: createClock(process.env) },
        {
          provide: TokenVerifier,
          useValue: new TokenVerifier({
            hs256Secret: config.AUTH_JWT_SECRET,
            ...(config.AUTH_JWKS_URL ? { jwksUrl: config.AUTH_JWKS_URL } : {}),
            ...(config.AUTH_ISSUER ? { issuer: config.AUTH_ISSUER } : {}),
            ...(config.AUTH_AUDIENCE ? { audience: config.AUTH_AUDIENCE } : {}),
          }),
        },
        RateLimiter,
        // Guards run in this order: the token, rate limit and role first, then the query's parameters.
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_GUARD, useClass: QueryParamsGuard },
        Upstream,
        UpstreamTenantLookup,
        BulkActions,
        TelemetryKeyCache,
        IngestProducer,
        TelemetryIngestion,
        NotificationFeed,
        // Ready means "I can serve my own requests": a service that is down or hangs makes only its own routes
        // answer 503 or 504, so it must not take the gateway out of the load balancer.
        { provide: READINESS_CHECKS, useValue: [] },
      ],
    };
  }
}
