import { Injectable } from '@nestjs/common';
import type { ClockDrivenJob } from '@pac/bootstrap';
import { EnvironmentVersionChanged, UpdateRunEnded, type UpdateRunEndedData } from '@pac/contracts';
import { Outbox, type NewEvent } from '@pac/messaging';
import { DataSource } from 'typeorm';
import { environmentEventData, extensionSnapshot } from '../application/event-payloads';
import type { Environment } from '../domain/environment';
import type { Extension } from '../domain/extension';
import { moveOperation, type Operation, type OperationError } from '../domain/operation';
import type { Tenant } from '../domain/tenant';
import { decideApplyUpdate } from '../domain/update';
import { extensionsOfEach, lockEnvironments, saveUpdatedEnvironments } from '../persistence/environments';
import { anyRunningOperation, claimRunningOperations, saveOperations } from '../persistence/operations';
import { tenantsById } from '../persistence/tenants';
import { TenantConfig } from '../tenant.config';

type RunResult = Pick<
  UpdateRunEndedData,
  'outcome' | 'previousVersion' | 'applicationVersion' | 'blockingExtensions' | 'reason'
>;

/** What one batch reads (three statements for the whole batch) and writes (one per table, at its end). */
interface Batch {
  tenants: Map<string, Tenant>;
  /** Locked, by id. */
  environments: Map<string, Environment>;
  /** By environment id, oldest first. */
  extensions: Map<string, Extension[]>;
  environmentWrites: Environment[];
  operationWrites: Operation[];
  events: NewEvent<object>[];
}

/** Running update operations applied per transaction. */
const BATCH = 100;

/**
 * Step 2 of an update (step 1 is OnUpdateStarted: the environment is `updating`, the operation `running`):
 * checks the installed extensions against the target version, then, in one transaction, the environment is
 * `active` again on the new version (environment.version-changed with the updateId: that is how the
 * lifecycle service learns the update succeeded) or on its own (the operation fails naming the extensions,
 * and update-run.ended tells the lifecycle service). Runs every UPDATE_APPLY_INTERVAL_MS and on each clock
 * move; operations are claimed FOR UPDATE SKIP LOCKED, so no update is applied twice.
 */
@Injectable()
export class ApplyUpdatesJob implements ClockDrivenJob {
  readonly name = 'apply-updates';
  readonly everyMs: number;

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    config: TenantConfig,
  ) {
    this.everyMs = config.UPDATE_APPLY_INTERVAL_MS;
  }

  /** Four ticks a second, nearly all idle: one statement on the partial index, no lock, no transaction. */
  hasWork(): Promise<boolean> {
    return anyRunningOperation(this.dataSource, 'update');
  }

  async run(now: Date): Promise<void> {
    for (;;) {
      const done = await this.dataSource.transaction(async (manager) => {
        const operations = await claimRunningOperations(manager, 'update', {
          limit: BATCH,
          oldestBy: 'started_at',
        });
        if (operations.length === 0) return 0;
        const environments = await lockEnvironments(
          manager,
          operations.map((o) => o.environmentId),
        );
        const batch: Batch = {
          tenants: await tenantsById(
            manager,
            operations.map((o) => o.tenantId),
          ),
          environments,
          extensions: await extensionsOfEach(manager, [...environments.keys()]),
          environmentWrites: [],
          operationWrites: [],
          events: [],
        };
        for (const operation of operations) this.apply(operation, now, batch);
        await saveUpdatedEnvironments(manager, batch.environmentWrites);
        await saveOperations(manager, batch.operationWrites);
        // One statement for the batch's events (each built by the same code: validate the first of a type).
        await this.outbox.addMany(manager, batch.events, { validate: 'first' });
        return operations.length;
      });
      if (done < BATCH) return;
    }
  }

  /** Decides one operation: its writes and events join the batch's. */
  private apply(operation: Operation, now: Date, batch: Batch): void {
    const emit = <P extends object>(event: NewEvent<P>) => batch.events.push(event as NewEvent<object>);
    const targetVersion = String(operation.parameters['targetVersion']);
    const updateId = String(operation.parameters['updateId']);
    const tenant = batch.tenants.get(operation.tenantId);
    if (!tenant) throw new Error(`tenant ${operation.tenantId} of operation ${operation.id} not found`);
    const found = operation.environmentId ? batch.environments.get(operation.environmentId) : undefined;
    const ended = (environmentName: string, result: RunResult) =>
      emit({
        definition: UpdateRunEnded,
        tenantId: operation.tenantId,
        environmentName,
        data: {
          updateId,
          operationId: operation.id,
          tenantId: operation.tenantId,
          partnerId: tenant.partnerId,
          environmentName,
          targetVersion,
          occurredAt: now.toISOString(),
          ...result,
        },
      });
    /** The operation ends (an invalid move writes nothing). */
    const finish = (status: 'succeeded' | 'failed', error?: OperationError) => {
      const moved = moveOperation(operation, status, now, error);
      if (moved.ok) batch.operationWrites.push(moved.value);
    };

    if (!found || found.status !== 'updating') {
      // Gone (purged) or changed under it: the run ends without effect.
      const reason = 'the environment was no longer there to update';
      finish('failed', { code: 'environment-gone', message: reason });
      ended(found?.name ?? operation.environmentName ?? 'unknown', {
        outcome: 'failed',
        previousVersion: found?.applicationVersion ?? targetVersion,
        applicationVersion: found?.applicationVersion ?? targetVersion,
        blockingExtensions: [],
        reason,
      });
      return;
    }
    const extensions = batch.extensions.get(found.id) ?? [];
    const result = decideApplyUpdate(found, extensions, targetVersion, now);
    batch.environmentWrites.push(result.environment);
    if (result.outcome === 'succeeded') {
      finish('succeeded');
      // environment.version-changed (with the updateId) tells the lifecycle service it succeeded.
      emit({
        definition: EnvironmentVersionChanged,
        tenantId: operation.tenantId,
        environmentName: found.name,
        data: {
          ...environmentEventData(tenant.partnerId, result.environment, extensions, now),
          previousVersion: result.previousVersion,
          updateId,
        },
      });
      return;
    }
    finish('failed', { code: 'extensions-incompatible', message: result.reason });
    ended(found.name, {
      outcome: 'failed',
      previousVersion: found.applicationVersion,
      applicationVersion: found.applicationVersion,
      blockingExtensions: result.blocking.map(extensionSnapshot),
      reason: result.reason,
    });
  }
}
