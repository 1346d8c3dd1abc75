import { Injectable } from '@nestjs/common';
import { anyRow, ClockDrivenJobs } from '@pac/bootstrap';
import { EnvironmentVersionChanged, UpdateRunEnded, type UpdateRunEndedData } from '@pac/contracts';
import { Outbox, type NewEvent } from '@pac/messaging';
import { DataSource, In, type EntityManager } from 'typeorm';
import { moveOperation, type OperationError } from '../../domain/operation';
import { decideApplyUpdate } from '../../domain/update';
import { environmentEventData, extensionSnapshot } from '../../environment-snapshot';
import { EnvironmentEntity } from '../../persistence/environment.entity';
import { OperationEntity } from '../../persistence/operation.entity';
import { TenantEntity } from '../../persistence/tenant.entity';
import { ExtensionEntity } from '../../persistence/extension.entity';
import type { Extension } from '../../domain/extension';

type RunResult = Pick<
  UpdateRunEndedData,
  'outcome' | 'previousVersion' | 'applicationVersion' | 'blockingExtensions' | 'reason'
>;

interface Batch {
  tenants: Map<string, TenantEntity>;
  environments: Map<string, EnvironmentEntity>;
  /** By environment id, oldest first. */
  extensions: Map<string, Extension[]>;
  /** What applying changes, written for the whole batch at its end (one statement per table). */
  environmentWrites: { id: string; status: string; application_version: string; updated_at: string }[];
  operationWrites: {
    id: string;
    status: string;
    completed_at: string;
    sets_error: boolean;
    error: unknown;
  }[];
}

/** The batch's environment and operation changes, one statement each. */
async function writeBatch(manager: EntityManager, batch: Batch): Promise<void> {
  if (batch.environmentWrites.length > 0)
    await manager.query(
      `UPDATE environments e
          SET status = r.status, application_version = r.application_version, updated_at = r.updated_at
         FROM jsonb_to_recordset($1::jsonb)
              AS r (id uuid, status text, application_version text, updated_at timestamptz)
        WHERE e.id = r.id`,
      [JSON.stringify(batch.environmentWrites)],
    );
  if (batch.operationWrites.length > 0)
    await manager.query(
      `UPDATE operations o
          SET status = r.status, completed_at = r.completed_at,
              error = CASE WHEN r.sets_error THEN r.error ELSE o.error END
         FROM jsonb_to_recordset($1::jsonb)
              AS r (id uuid, status text, completed_at timestamptz, sets_error boolean, error jsonb)
        WHERE o.id = r.id`,
      [JSON.stringify(batch.operationWrites)],
    );
}

/** Running update operations applied per transaction by the clock-driven run. */
const BATCH = 100;
/** How often leftovers are looked for (an instance that stopped between the two steps). */
const INTERVAL_MS = 250;

/**
 * Step 2 of an update (step 1 is OnUpdateStarted: the environment is `updating`, the operation `running`):
 * checks the installed extensions against the target version, then, in one transaction, the environment is
 * `active` again on the new version (environment.version-changed with the updateId: that is how the
 * lifecycle service learns the update succeeded) or on its own (the operation fails naming the extensions, and
 * update-run.ended tells the lifecycle service). It runs every
 * 250 ms and on each clock move; operations are claimed FOR UPDATE SKIP LOCKED, so no update is applied twice.
 */
@Injectable()
export class ApplyUpdatesJob {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    jobs: ClockDrivenJobs,
  ) {
    jobs.register({
      name: 'apply-updates',
      everyMs: INTERVAL_MS,
      run: (now) => this.applyAllRunning(now),
      // Four ticks a second, nearly all idle: one statement on the partial index, no lock, no transaction.
      hasWork: () =>
        anyRow(this.dataSource, `SELECT 1 FROM operations WHERE type = 'update' AND status = 'running'`),
    });
  }

  async applyAllRunning(now: Date): Promise<void> {
    for (;;) {
      const done = await this.dataSource.transaction(async (manager) => {
        const operations = await manager
          .getRepository(OperationEntity)
          .createQueryBuilder('o')
          .where(`o.type = 'update' AND o.status = 'running'`)
          .orderBy('o.started_at', 'ASC')
          .limit(BATCH)
          .setLock('pessimistic_write')
          .setOnLocked('skip_locked')
          .getMany();
        const events: NewEvent<object>[] = [];
        const batch = await this.loadBatch(manager, operations);
        for (const operation of operations) this.apply(operation, now, events, batch);
        await writeBatch(manager, batch);
        // One statement for the batch's events (each built by the same code: validate the first of a type).
        await this.outbox.addMany(manager, events, { validate: 'first' });
        return operations.length;
      });
      if (done < BATCH) return;
    }
  }

  /**
   * What the claimed operations need, in three statements rather than three per operation: their tenants,
   * their environments (locked, in id order), and those environments' extensions.
   */
  private async loadBatch(manager: EntityManager, operations: OperationEntity[]): Promise<Batch> {
    const batch: Batch = {
      tenants: new Map(),
      environments: new Map(),
      extensions: new Map(),
      environmentWrites: [],
      operationWrites: [],
    };
    if (operations.length === 0) return batch;
    const tenantIds = [...new Set(operations.map((o) => o.tenantId))];
    for (const tenant of await manager.getRepository(TenantEntity).findBy({ id: In(tenantIds) }))
      batch.tenants.set(tenant.id, tenant);
    const environmentIds = [
      ...new Set(operations.flatMap((o) => (o.environmentId ? [o.environmentId] : []))),
    ];
    if (environmentIds.length === 0) return batch;
    const environments = await manager
      .getRepository(EnvironmentEntity)
      .createQueryBuilder('e')
      .where('e.id IN (:...ids)', { ids: environmentIds })
      .orderBy('e.id')
      .setLock('pessimistic_write')
      .getMany();
    for (const environment of environments) batch.environments.set(environment.id, environment);
    const extensions = await manager.getRepository(ExtensionEntity).find({
      where: { environmentId: In(environmentIds) },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
    for (const extension of extensions)
      batch.extensions.set(extension.environmentId, [
        ...(batch.extensions.get(extension.environmentId) ?? []),
        extension.toDomain(),
      ]);
    return batch;
  }

  /** Decides one operation: its writes go to the batch, its events to `events`. */
  private apply(row: OperationEntity, now: Date, events: NewEvent<object>[], batch: Batch): void {
    const emit = <P extends object>(event: NewEvent<P>) => events.push(event as NewEvent<object>);
    const operation = row.toDomain();
    const targetVersion = String(operation.parameters['targetVersion']);
    const updateId = String(operation.parameters['updateId']);
    const tenant = batch.tenants.get(row.tenantId);
    if (!tenant) throw new Error(`tenant ${row.tenantId} of operation ${row.id} not found`);
    const environmentRow = row.environmentId ? (batch.environments.get(row.environmentId) ?? null) : null;
    const ended = (environmentName: string, result: RunResult) =>
      emit({
        definition: UpdateRunEnded,
        tenantId: row.tenantId,
        environmentName,
        data: {
          updateId,
          operationId: row.id,
          tenantId: row.tenantId,
          partnerId: tenant.partnerId,
          environmentName,
          targetVersion,
          occurredAt: now.toISOString(),
          ...result,
        },
      });

    /** The operation ends: its write joins the batch's (an invalid move writes nothing). */
    const finish = (status: 'succeeded' | 'failed', error?: OperationError) => {
      if (moveOperation(operation, status, now, error).ok)
        batch.operationWrites.push({
          id: row.id,
          status,
          completed_at: now.toISOString(),
          sets_error: error !== undefined,
          error: error ?? null,
        });
    };

    if (!environmentRow || environmentRow.status !== 'updating') {
      // Gone (purged) or changed under it: the run ends without effect.
      finish('failed', {
        code: 'environment-gone',
        message: 'the environment was no longer there to update',
      });
      ended(environmentRow?.name ?? row.environmentName ?? 'unknown', {
        outcome: 'failed',
        previousVersion: environmentRow?.applicationVersion ?? targetVersion,
        applicationVersion: environmentRow?.applicationVersion ?? targetVersion,
        blockingExtensions: [],
        reason: 'the environment was no longer there to update',
      });
      return;
    }
    const environment = environmentRow.toDomain();
    const extensions = batch.extensions.get(environment.id) ?? [];
    const result = decideApplyUpdate(environment, extensions, targetVersion, now);
    batch.environmentWrites.push({
      id: result.environment.id,
      status: result.environment.status,
      application_version: result.environment.applicationVersion,
      updated_at: result.environment.updatedAt,
    });
    if (result.outcome === 'succeeded') {
      finish('succeeded');
      emit({
        definition: EnvironmentVersionChanged,
        tenantId: row.tenantId,
        environmentName: environment.name,
        data: {
          ...environmentEventData(tenant.partnerId, result.environment, extensions, now),
          previousVersion: result.previousVersion,
          updateId,
        },
      });
      // environment.version-changed (with the updateId) tells the lifecycle service it succeeded.
      return;
    }
    finish('failed', { code: 'extensions-incompatible', message: result.reason });
    ended(environment.name, {
      outcome: 'failed',
      previousVersion: environment.applicationVersion,
      applicationVersion: environment.applicationVersion,
      blockingExtensions: result.blocking.map(extensionSnapshot),
      reason: result.reason,
    });
  }
}
