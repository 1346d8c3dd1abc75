import { Inject, Injectable } from '@nestjs/common';
import { LOGGER, type Logger } from '@pac/bootstrap';
import { Clock } from '@pac/clock';
import { EnvironmentCreated } from '@pac/contracts';
import { Outbox } from '@pac/messaging';
import { DataSource, type EntityManager } from 'typeorm';
import { completePreparation } from '../domain/environment';
import { moveOperation, type Operation } from '../domain/operation';
import { deleteEnvironment, lockEnvironments, saveEnvironment } from '../persistence/environments';
import { claimRunningOperations, saveOperation } from '../persistence/operations';
import { findTenantById } from '../persistence/tenants';
import { environmentEventData } from './event-payloads';

const BATCH = 50;

/**
 * Completes `create` operations: the environment goes from `preparing` to `active`, the operation to
 * `succeeded`, and environment.created (status active, with the operation id) is emitted, in one
 * transaction; a creation that fails (its tenant suspended or offboarded meanwhile) removes the environment
 * at once and ends `failed`. A new operation is completed right after its creation commits (`completeSoon`, from the
 * create-environment command); the prepare-environments job picks up any left behind by an instance that
 * stopped in between. Operations are claimed with FOR UPDATE SKIP LOCKED, so instances never complete one
 * twice.
 */
@Injectable()
export class EnvironmentPreparation {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

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
      const [operation] = await claimRunningOperations(manager, 'create', {
        limit: 1,
        oldestBy: 'created_at',
        operationId,
      });
      if (operation) await this.complete(manager, operation, this.clock.now());
    });
  }

  async completeAllRunning(now: Date): Promise<void> {
    for (;;) {
      const done = await this.dataSource.transaction(async (manager) => {
        const operations = await claimRunningOperations(manager, 'create', {
          limit: BATCH,
          oldestBy: 'created_at',
        });
        for (const operation of operations) await this.complete(manager, operation, now);
        return operations.length;
      });
      if (done < BATCH) return;
    }
  }

  private async complete(manager: EntityManager, operation: Operation, now: Date): Promise<void> {
    const tenant = await findTenantById(manager, operation.tenantId, { lock: true });
    if (!tenant) throw new Error(`tenant ${operation.tenantId} of operation ${operation.id} not found`);
    const environment = (await lockEnvironments(manager, [operation.environmentId])).get(
      operation.environmentId ?? '',
    );
    const prepared = environment ? completePreparation(tenant, environment, now) : undefined;
    if (!prepared?.ok) {
      // A failed creation leaves nothing behind: the environment goes at once (nothing was announced yet).
      if (environment?.status === 'preparing') await deleteEnvironment(manager, environment.id);
      const failed = moveOperation(operation, 'failed', now, {
        code: prepared ? prepared.error.code : 'environment-not-found',
        message: prepared ? prepared.error.message : 'the environment no longer exists',
      });
      if (failed.ok) await saveOperation(manager, failed.value);
      return;
    }
    const succeeded = moveOperation(operation, 'succeeded', now);
    if (!succeeded.ok) return;
    await saveEnvironment(manager, prepared.value);
    await saveOperation(manager, succeeded.value);
    await this.outbox.add(manager, {
      definition: EnvironmentCreated,
      tenantId: operation.tenantId,
      environmentName: prepared.value.name,
      data: {
        ...environmentEventData(tenant.partnerId, prepared.value, [], now),
        operationId: operation.id,
      },
    });
  }
}
