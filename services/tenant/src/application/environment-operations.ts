import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { LOGGER, type Logger } from '@pac/bootstrap';
import { Clock } from '@pac/clock';
import {
  EnvironmentRecovered,
  EnvironmentRenamed,
  EnvironmentSoftDeleted,
  type EnvironmentRenameReason,
} from '@pac/contracts';
import { accept, type Decision, type DomainError } from '@pac/domain';
import type { OperationResponse } from '@pac/http-contracts';
import { Outbox } from '@pac/messaging';
import { DataSource, type EntityManager } from 'typeorm';
import {
  checkNoOperationPending,
  decideRecover,
  decideRename,
  decideSoftDelete,
  type Environment,
  type EnvironmentDecision,
} from '../domain/environment';
import type { Extension } from '../domain/extension';
import { moveOperation, startOperation, type Operation } from '../domain/operation';
import type { Tenant } from '../domain/tenant';
import { environmentsOf, extensionsOf, lockEnvironments, saveEnvironment } from '../persistence/environments';
import {
  claimScheduledEnvironmentChanges,
  pendingOperationOn,
  recordOperation,
  saveOperation,
  type ScheduledEnvironmentChange,
} from '../persistence/operations';
import { findTenantById } from '../persistence/tenants';
import { TenantConfig } from '../tenant.config';
import { announceEnvironmentChange } from './environment-actions';
import { quotasOfTenant } from './quotas';
import { operationResponse } from './responses';

const BATCH = 50;

/**
 * Runs the environment changes callers ask for, which the API answers 202 with their operation (rename,
 * soft delete, recover; docs/environments.md): the command checks the request and records the operation
 * `scheduled`; here it goes `running`, the change is decided again on the state of the moment (another
 * change may have come first) and applied with its events, and the operation ends `succeeded`, or `failed`
 * with the refusal's code and message, all in one transaction. An operation is run right after its request
 * commits (`runSoon`); the run-environment-operations job picks up any an instance left behind. Operations
 * are claimed FOR UPDATE SKIP LOCKED, so no two instances run one.
 */
@Injectable()
export class EnvironmentOperations {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
    private readonly config: TenantConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** Runs one operation after the current request (never in its transaction). */
  runSoon(operationId: string): void {
    setImmediate(() => {
      this.runOne(operationId).catch((error: unknown) =>
        this.logger.error({ err: error, operationId }, 'running an environment operation failed'),
      );
    });
  }

  async runOne(operationId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const [operation] = await claimScheduledEnvironmentChanges(manager, { limit: 1, operationId });
      if (operation) await this.run(manager, operation, this.clock.now());
    });
  }

  async runAllScheduled(now: Date): Promise<void> {
    for (;;) {
      const done = await this.dataSource.transaction(async (manager) => {
        const operations = await claimScheduledEnvironmentChanges(manager, { limit: BATCH });
        for (const operation of operations) await this.run(manager, operation, now);
        return operations.length;
      });
      if (done < BATCH) return;
    }
  }

  private async run(manager: EntityManager, scheduled: Operation, now: Date): Promise<void> {
    const running = moveOperation(scheduled, 'running', now);
    if (!running.ok) return;
    const operation = running.value;
    // The tenant first, then the environment: the order every change to a tenant's environments takes.
    const tenant = await findTenantById(manager, operation.tenantId, { lock: true });
    const current = (await lockEnvironments(manager, [operation.environmentId])).get(
      operation.environmentId ?? '',
    );
    if (!tenant || !current) {
      await this.fail(manager, operation, now, 'environment-not-found', 'the environment no longer exists');
      return;
    }
    const decision = await this.decide(manager, tenant, current, operation, now);
    if (!decision.ok) {
      await this.fail(manager, operation, now, decision.error.code, decision.error.message);
      return;
    }
    const changed = decision.value;
    const extensions = await extensionsOf(manager, changed.id);
    await saveEnvironment(manager, changed);
    await this.announce(manager, tenant, current, changed, extensions, operation, now);
    const succeeded = moveOperation(
      { ...operation, parameters: { ...operation.parameters, ...resultParameters(current, changed) } },
      'succeeded',
      now,
    );
    if (succeeded.ok) await saveOperation(manager, succeeded.value);
  }

  private async decide(
    manager: EntityManager,
    tenant: Tenant,
    environment: Environment,
    operation: Operation,
    now: Date,
  ): Promise<EnvironmentDecision<Environment>> {
    const others = await environmentsOf(manager, tenant.id);
    switch (operation.type) {
      case 'rename':
        return decideRename(tenant, environment, String(operation.parameters['newName']), others, now);
      case 'soft-delete':
        return decideSoftDelete(tenant, environment, others, now);
      default: {
        const newName = operation.parameters['newName'];
        const { quotas } = await quotasOfTenant(manager, this.config, tenant.id);
        return decideRecover(
          tenant,
          environment,
          typeof newName === 'string' ? { newName } : {},
          { others, quotas },
          now,
        );
      }
    }
  }

  /**
   * The events, in the order consumers apply them: a change of name first (environment.renamed, whose
   * reason says why), then the soft delete or the recovery under the name the environment has now.
   */
  private async announce(
    manager: EntityManager,
    tenant: Tenant,
    before: Environment,
    after: Environment,
    extensions: Extension[],
    operation: Operation,
    now: Date,
  ): Promise<void> {
    const common = { partnerId: tenant.partnerId, extensions };
    const operationId = operation.id;
    const renamed = before.name !== after.name;
    if (renamed) {
      await announceEnvironmentChange(
        manager,
        this.outbox,
        {
          ...common,
          // for a soft delete or a recovery, the environment renamed but not yet deleted or recovered
          environment: operation.type === 'rename' ? after : { ...before, name: after.name },
          event: EnvironmentRenamed,
          eventDetails: {
            previousName: before.name,
            reason: renameReason(operation),
            operationId,
          },
        },
        now,
      );
    }
    if (operation.type === 'soft-delete') {
      await announceEnvironmentChange(
        manager,
        this.outbox,
        {
          ...common,
          environment: after,
          event: EnvironmentSoftDeleted,
          eventDetails: { purgeAt: after.purgeAt ?? '', previousName: before.name, operationId },
        },
        now,
      );
    } else if (operation.type === 'recover') {
      await announceEnvironmentChange(
        manager,
        this.outbox,
        {
          ...common,
          environment: after,
          event: EnvironmentRecovered,
          eventDetails: { ...(renamed ? { previousName: before.name } : {}), operationId },
        },
        now,
      );
    }
  }

  private async fail(
    manager: EntityManager,
    operation: Operation,
    now: Date,
    code: string,
    message: string,
  ): Promise<void> {
    const failed = moveOperation(operation, 'failed', now, { code, message });
    if (failed.ok) await saveOperation(manager, failed.value);
  }
}

function renameReason(operation: Operation): EnvironmentRenameReason {
  if (operation.type === 'soft-delete' || operation.type === 'recover') return operation.type;
  return 'request';
}

/** What the operations log shows of a change once it is made: the names, and when a deletion is purged. */
function resultParameters(before: Environment, after: Environment): Record<string, unknown> {
  return {
    previousName: before.name,
    newName: after.name,
    ...(after.purgeAt ? { purgeAt: after.purgeAt } : {}),
  };
}

/**
 * The command's part of a change callers ask for: once the request is checked (decided on the state of
 * now), the `scheduled` operation, unless the environment has one pending already (409 environment-busy).
 * The command runs it after commit (EnvironmentOperations.runSoon).
 */
export async function scheduleEnvironmentChange(
  manager: EntityManager,
  change: {
    environment: Environment;
    type: ScheduledEnvironmentChange;
    createdBy: string;
    parameters: Record<string, unknown>;
  },
  now: Date,
): Promise<Decision<OperationResponse, DomainError<'environment-busy'>>> {
  const { environment } = change;
  const free = checkNoOperationPending(environment, await pendingOperationOn(manager, environment.id));
  if (!free.ok) return free;
  const operation = startOperation(
    {
      id: randomUUID(),
      tenantId: environment.tenantId,
      environmentId: environment.id,
      environmentName: environment.name,
      type: change.type,
      createdBy: change.createdBy,
      parameters: change.parameters,
    },
    'scheduled',
    now,
  );
  await recordOperation(manager, operation);
  return accept(operationResponse(operation));
}
