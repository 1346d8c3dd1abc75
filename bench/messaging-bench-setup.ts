/**
 * What the messaging benchmarks share: a throwaway schema with the messaging tables and an `effects` table
 * (the handlers' effect), topics of their own, and the events they move: `tenant.created` snapshots, as in
 * onboarding, validated by the real contract.
 */
import { TenantCreated, type TenantCreatedData } from '@pac/contracts';
import {
  eventSourceOf,
  eventSubjectOf,
  type Message,
  messagingTablesMigration,
  toKafkaMessage,
} from '@pac/messaging';
import { createServiceDataSource, runMigrations } from '@pac/persistence';
import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager, MigrationInterface, QueryRunner } from 'typeorm';

function effectsMigration(schema: string): new () => MigrationInterface {
  return class BenchEffects1767225600002 implements MigrationInterface {
    async up(queryRunner: QueryRunner): Promise<void> {
      await queryRunner.query(
        `CREATE TABLE "${schema}".effects (event_id uuid PRIMARY KEY, tenant_id uuid NOT NULL, name text NOT NULL)`,
      );
    }
    async down(): Promise<void> {}
  };
}

/** The schema's data source, migrated (messaging tables and effects). */
export async function benchDataSource(serviceUrl: string, schema: string): Promise<DataSource> {
  const dataSource = createServiceDataSource({
    url: serviceUrl,
    schema,
    entities: [],
    migrations: [messagingTablesMigration(schema), effectsMigration(schema)],
  });
  await dataSource.initialize();
  await runMigrations(dataSource);
  return dataSource;
}

/** The handler's effect: one row, as a projection writes one (the notification of an onboarding). */
export async function recordEffect(
  schema: string,
  manager: EntityManager,
  event: { id: string; data: TenantCreatedData },
): Promise<void> {
  await manager.query(`INSERT INTO "${schema}".effects (event_id, tenant_id, name) VALUES ($1, $2, $3)`, [
    event.id,
    event.data.tenantId,
    event.data.name,
  ]);
}

export function tenantCreatedData(n: number): TenantCreatedData {
  const at = new Date().toISOString();
  return {
    tenantId: randomUUID(),
    partnerId: '00000000-0000-4000-8000-000000000001',
    name: `Bench customer ${n}`,
    countryCode: 'FR',
    status: 'active',
    tags: ['bench', `wave-${n % 10}`],
    contacts: [
      { name: 'Ada Admin', email: `ada.${n}@example.com`, role: 'admin' },
      { name: 'Bob Billing', email: `bob.${n}@example.com` },
    ],
    occurredAt: at,
  } as TenantCreatedData;
}

/** The Kafka message of one tenant.created, as the relay sends it. */
export function tenantCreatedMessage(data: TenantCreatedData): Message {
  return toKafkaMessage({
    id: randomUUID(),
    type: TenantCreated.type,
    source: eventSourceOf('tenant'),
    time: data.occurredAt,
    subject: eventSubjectOf(data.tenantId),
    tenantId: data.tenantId,
    data,
  });
}

export async function effectCount(dataSource: DataSource, schema: string): Promise<number> {
  const [row] = await dataSource.query(`SELECT count(*)::int AS n FROM "${schema}".effects`);
  return row.n;
}
