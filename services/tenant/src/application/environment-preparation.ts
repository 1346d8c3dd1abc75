import { Inject, Injectable } from '@nestjs/common';
import { anyRow, ClockDrivenJobs, LOGGER, type Logger } from '@pac/bootstrap';
import { Clock } from '@pac/clock';
import { EnvironmentCreated } from '@pac/contracts';
import { Outbox } from '@pac/messaging';
import { DataSource, type EntityManager } from 'typeorm';
import { completePreparation } from '../domain/environment';
import { moveOperation } from '../domain/operation';
import { environmentEventData } from '../environment-snapshot';
import { EnvironmentEntity } from '../persistence/environment.entity';
import { OperationEntity } from '../persistence/operation.entity';
import { TenantEntity } from '../persistence/tenant.entity';
import { TenantConfig } from '../tenant.config';

const BATCH = 50;

/**
 * Completes `create` operations: the environment goes from `preparing` to `active`, the operation to
 * `succeeded`, and environment.created (status active, with the operation id) is emitted, in one
 * transaction. A new operation is completed right after its creation commits (`completeSoon`); the
 * clock-driven run picks up any left behind by an instance that stopped in between. Rows are claimed with
 * FOR UPDATE SKIP LOCKED, so instances never complete one operation twice.
 */
@Injectable()
export class PrepareEnvironmentsJob {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
    jobs: ClockDrivenJobs,
    config: TenantConfig,
  ) {
    jobs.register({
      name: 'prepare-environments',
      everyMs: config.ENVIRONMENT_PREPARATION_INTERVAL_MS,
      run: (now) => this.completeAllRunning(now),
      hasWork: () =>
        anyRow(this.dataSource, `SELECT 1 FROM operations WHERE type = 'create' AND status = 'running'`),
    });
  }

  /** Completes one operation after the current request (never in its transaction). */
  completeSoon(operationId: string): void {
    setImmediate(() => {
      this.completeOne(operationId).catch((error: unknown) =>
        this.logger.error({ err: error, operationId }, 'completing an environment creation failed'),
      );
    });
  }

  async completeOne(operationId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const operation = await manager
        .getRepository(OperationEntity)
        .createQueryBuilder('o')
        .where('o.id = :operationId', { operationId })
        .andWhere(`o.type = 'create' AND o.status = 'running'`)
        .setLock('pessimistic_write')
        .setOnLocked('skip_locked')
        .getOne();
      if (operation) await this.complete(manager, operation, this.clock.now());
    });
  }

  async completeAllRunning(now: Date): Promise<void> {
    for (;;) {
      const done = await this.dataSource.transaction(async (manager) => {
        const operations = await manager
          .getRepository(OperationEntity)
          .createQueryBuilder('o')
          .where(`o.type = 'create' AND o.status = 'running'`)
          .orderBy('o.created_at', 'ASC')
          .limit(BATCH)
          .setLock('pessimistic_write')
          .setOnLocked('skip_locked')
          .getMany();
        for (const operation of operations) await this.complete(manager, operation, now);
        return operations.length;
      });
      if (done < BATCH) return;
    }
  }

  private async complete(manager: EntityManager, row: OperationEntity, now: Date): Promise<void> {
    const environmentRow = row.environmentId
      ? await manager
          .getRepository(EnvironmentEntity)
          .findOne({ where: { id: row.environmentId }, lock: { mode: 'pessimistic_write' } })
      : null;
    const environment = environmentRow ? completePreparation(environmentRow.toDomain(), now) : undefined;
    if (!environment?.ok) {
      const failed = moveOperation(row.toDomain(), 'failed', now, {
        code: 'environment-not-preparing',
        message: environment ? environment.error.message : 'the environment no longer exists',
      });
      if (failed.ok) {
        await manager
          .getRepository(OperationEntity)
          .update({ id: row.id }, { status: 'failed', completedAt: now, error: failed.value.error });
      }
      return;
    }
    const succeeded = moveOperation(row.toDomain(), 'succeeded', now);
    if (!succeeded.ok) return;
    const tenant = await manager.getRepository(TenantEntity).findOneByOrFail({ id: row.tenantId });
    await manager
      .getRepository(EnvironmentEntity)
      .update({ id: environment.value.id }, { status: environment.value.status, updatedAt: now });
    await manager
      .getRepository(OperationEntity)
      .update({ id: row.id }, { status: 'succeeded', completedAt: now });
    await this.outbox.add(manager, {
      definition: EnvironmentCreated,
      tenantId: row.tenantId,
      environmentName: environment.value.name,
      data: { ...environmentEventData(tenant.partnerId, environment.value, [], now), operationId: row.id },
    });
  }
}
