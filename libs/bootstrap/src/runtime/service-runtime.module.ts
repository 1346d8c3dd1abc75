import { Global, Module, type DynamicModule, type Provider, type Type } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import { Clock, createClock } from '@pac/clock';
import { createKafka, type Kafka, messagingTablesMigration, Outbox } from '@pac/messaging';
import { createServiceDataSource, runMigrations } from '@pac/persistence';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { ClockController } from '../clock/clock.controller';
import type { ServiceConfig } from '../config/service-config';
import { HealthController } from '../health/health.controller';
import { IdempotencyInterceptor } from '../idempotency/idempotency.interceptor';
import { IdempotencyKeyPurge } from '../idempotency/idempotency-purge';
import { IdempotencyStore } from '../idempotency/idempotency.store';
import { interceptWrites } from '../idempotency/intercept-writes';
import { idempotencyKeysMigration } from '../idempotency/idempotency.migration';
import { MetricsController } from '../health/metrics.controller';
import { READINESS_CHECKS } from '../health/readiness-check';
import { InboxTransport } from './inbox-transport';
import { MessagingRuntime } from './messaging-runtime';
import { DatabaseReadyCheck, KafkaReadyCheck } from './ready-checks';
import { TenantDirectory } from '../tenant-directory/tenant-directory';
import { TenantDirectoryEntry } from '../tenant-directory/tenant-directory.entity';
import { tenantDirectoryMigration } from '../tenant-directory/tenant-directory.migration';
import { TenantDirectoryProjection } from '../tenant-directory/tenant-directory.projection';
import { KAFKA, LOGGER } from './tokens';
import { ClockDrivenJobs } from '../scheduling/clock-driven-jobs';
import { PgAdvisoryJobLock } from '../scheduling/pg-job-lock';

/** How many write routes got the Idempotency-Key interceptor (a provider, so that it runs before app.init). */
const IDEMPOTENT_WRITE_ROUTES = Symbol('IDEMPOTENT_WRITE_ROUTES');

export interface ServiceRuntimeOptions {
  /** The service's name: its schema, its Kafka consumer group and its `ce_source`. */
  name: string;
  config: ServiceConfig;
  logger: Logger;
  entities: Type<object>[];
  /** The service's own migrations; the messaging tables' migration is added by the runtime. */
  migrations: Type<object>[];
  /**
   * Keep a tenant_directory (which partner owns which tenant) from the tenant events, to refuse another
   * partner's tenant locally. Every service but the tenant service, which owns tenants, keeps one.
   */
  keepsTenantDirectory?: boolean;
  /**
   * Partitions whose events this instance handles at once (order is kept within each partition, so within
   * each tenant); default 1. Raise it for services that take bursts of events (lifecycle: an update wave).
   */
  consumerConcurrency?: number;
  /**
   * Largest message value the consumer reads; larger ones are dead-lettered unread. Default 512 KiB (an event
   * is one aggregate's snapshot); the telemetry service reads ingest batches of up to 900 KB.
   */
  maxMessageBytes?: number;
}

/**
 * Everything a domain service runs on, set up one way for all of them: clock, database (migrated at start),
 * outbox and relay, idempotent consumers (`@EventPattern` handlers through InboxTransport), clock-driven jobs (`ClockDrivenJobs`), health, metrics, and the
 * movable clock outside production.
 * A service module imports it and adds its own controllers and handlers.
 */
@Global()
@Module({})
export class ServiceRuntimeModule {
  static forService(options: ServiceRuntimeOptions): DynamicModule {
    const clock = createClock(process.env);
    const directory = options.keepsTenantDirectory ?? true;
    const entities = directory ? [...options.entities, TenantDirectoryEntry] : options.entities;
    const migrations = [
      messagingTablesMigration(options.name),
      ...(directory ? [tenantDirectoryMigration()] : []),
      idempotencyKeysMigration(options.name),
      ...options.migrations,
    ];
    const providers: Provider[] = [
      { provide: LOGGER, useValue: options.logger },
      { provide: Clock, useValue: clock },
      {
        provide: DataSource,
        useFactory: async () => {
          const dataSource = createServiceDataSource({
            url: options.config.DATABASE_URL,
            schema: options.name,
            entities,
            migrations,
            applicationName: `${options.name}-${process.pid}`,
          });
          await dataSource.initialize();
          await runMigrations(dataSource);
          return dataSource;
        },
      },
      {
        provide: KAFKA,
        useValue: createKafka({
          brokers: options.config.kafkaBrokers,
          clientId: options.name,
          logger: options.logger,
        }),
      },
      { provide: Outbox, useValue: new Outbox({ schema: options.name, serviceName: options.name, clock }) },
      {
        provide: MessagingRuntime,
        useFactory: (dataSource: DataSource, kafka: Kafka) =>
          new MessagingRuntime(options.name, dataSource, kafka, options.logger, {
            partitionsConsumedConcurrently: options.consumerConcurrency ?? 1,
            ...(options.maxMessageBytes ? { maxMessageBytes: options.maxMessageBytes } : {}),
          }),
        inject: [DataSource, KAFKA],
      },
      // The consumers are the @EventPattern methods of the service's controllers (and the tenant directory's
      // below): Nest finds them and hands them to this transport, started by runService.
      {
        provide: InboxTransport,
        useFactory: (messaging: MessagingRuntime) => new InboxTransport(messaging),
        inject: [MessagingRuntime],
      },
      {
        provide: ClockDrivenJobs,
        useFactory: (dataSource: DataSource) =>
          new ClockDrivenJobs(clock, new PgAdvisoryJobLock(dataSource, options.name), options.logger),
        inject: [DataSource],
      },
      DatabaseReadyCheck,
      KafkaReadyCheck,
      TenantDirectory,
      {
        provide: IdempotencyStore,
        useFactory: (dataSource: DataSource) => new IdempotencyStore(dataSource, options.name, clock),
        inject: [DataSource],
      },
      {
        provide: IdempotencyKeyPurge,
        useFactory: (store: IdempotencyStore) => new IdempotencyKeyPurge(store, clock, options.logger),
        inject: [IdempotencyStore],
      },
      // On the write routes only, not as APP_INTERCEPTOR: reads would pay for Nest's interceptor chain.
      IdempotencyInterceptor,
      {
        provide: IDEMPOTENT_WRITE_ROUTES,
        useFactory: (modules: ModulesContainer, interceptor: IdempotencyInterceptor) =>
          interceptWrites(modules, interceptor),
        inject: [ModulesContainer, IdempotencyInterceptor],
      },
      {
        provide: READINESS_CHECKS,
        useFactory: (db: DatabaseReadyCheck, kafka: KafkaReadyCheck) => [db, kafka],
        inject: [DatabaseReadyCheck, KafkaReadyCheck],
      },
    ];
    return {
      module: ServiceRuntimeModule,
      controllers: [
        HealthController,
        MetricsController,
        ...(options.config.isProduction ? [] : [ClockController]),
        // @EventPattern handlers of the tenant events, beside the service's own (which do not read it).
        ...(directory ? [TenantDirectoryProjection] : []),
      ],
      providers,
      exports: [
        LOGGER,
        Clock,
        DataSource,
        KAFKA,
        Outbox,
        MessagingRuntime,
        InboxTransport,
        TenantDirectory,
        ClockDrivenJobs,
      ],
    };
  }
}
