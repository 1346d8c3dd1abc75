import { Injectable } from '@nestjs/common';
import { ClockDrivenJobs } from '@pac/bootstrap';
import { EnvironmentVersionChanged, UpdateRunEnded, type UpdateRunEndedData } from '@pac/contracts';
import { Outbox, type NewEvent } from '@pac/messaging';
import { DataSource, type EntityManager } from 'typeorm';
import { moveOperation } from '../../domain/operation';
import { decideApplyUpdate } from '../../domain/update';
import { environmentEventData } from '../../environment-snapshot';
import { EnvironmentEntity } from '../../persistence/environment.entity';
import { OperationEntity } from '../../persistence/operation.entity';
import { TenantEntity } from '../../persistence/tenant.entity';
import { extensionsOf, saveEnvironment } from '../../persistence/tenant-scope';

type RunResult = Pick<
  UpdateRunEndedData,
  'outcome' | 'previousVersion' | 'applicationVersion' | 'blockingExtensions' | 'reason'
>;

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
      hasWork: async () =>
        (
          (await this.dataSource.query(
            `SELECT EXISTS (SELECT 1 FROM operations WHERE type = 'update' AND status = 'running') AS work`,
          )) as [{ work: boolean }]
        )[0].work,
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
        for (const operation of operations) await this.apply(manager, operation, now, events);
        // One statement for the batch's events (each built by the same code: validate the first of a type).
        await this.outbox.addMany(manager, events, { validate: 'first' });
        return operations.length;
      });
      if (done < BATCH) return;
    }
  }

  private async apply(
    manager: EntityManager,
    row: OperationEntity,
    now: Date,
    events: NewEvent<object>[],
  ): Promise<void> {
    const emit = <P extends object>(event: NewEvent<P>) => events.push(event as NewEvent<object>);
    const operation = row.toDomain();
    const targetVersion = String(operation.parameters['targetVersion']);
    const updateId = String(operation.parameters['updateId']);
    const tenant = await manager.getRepository(TenantEntity).findOneByOrFail({ id: row.tenantId });
    const environmentRow = row.environmentId
      ? await manager
          .getRepository(EnvironmentEntity)
          .findOne({ where: { id: row.environmentId }, lock: { mode: 'pessimistic_write' } })
      : null;
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

    if (!environmentRow || environmentRow.status !== 'updating') {
      // Gone (purged) or changed under it: the run ends without effect.
      const failed = moveOperation(operation, 'failed', now, {
        code: 'environment-gone',
        message: 'the environment was no longer there to update',
      });
      if (failed.ok)
        await manager
          .getRepository(OperationEntity)
          .update({ id: row.id }, { status: 'failed', completedAt: now, error: failed.value.error });
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
    const extensions = await extensionsOf(manager, environment.id);
    const result = decideApplyUpdate(environment, extensions, targetVersion, now);
    await saveEnvironment(manager, result.environment);
    if (result.outcome === 'succeeded') {
      const succeeded = moveOperation(operation, 'succeeded', now);
      if (succeeded.ok)
        await manager
          .getRepository(OperationEntity)
          .update({ id: row.id }, { status: 'succeeded', completedAt: now });
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
    const error = { code: 'extensions-incompatible', message: result.reason };
    const failed = moveOperation(operation, 'failed', now, error);
    if (failed.ok)
      await manager
        .getRepository(OperationEntity)
        .update({ id: row.id }, { status: 'failed', completedAt: now, error });
    ended(environment.name, {
      outcome: 'failed',
      previousVersion: environment.applicationVersion,
      applicationVersion: environment.applicationVersion,
      blockingExtensions: result.blocking.map((e) => ({
        extensionId: e.id,
        publisher: e.publisher,
        name: e.name,
        version: e.version,
        minVersion: e.minVersion,
        ...(e.maxVersion ? { maxVersion: e.maxVersion } : {}),
      })),
      reason: result.reason,
    });
  }
}
