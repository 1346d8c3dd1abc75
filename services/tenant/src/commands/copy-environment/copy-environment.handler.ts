import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import type { AnswerableError } from '@pac/bootstrap';
import { Clock } from '@pac/clock';
import { EnvironmentPurged } from '@pac/contracts';
import { accept, type Decision } from '@pac/domain';
import type { CopyEnvironmentRequest, OperationResponse } from '@pac/http-contracts';
import { Outbox } from '@pac/messaging';
import { afterCommit, inTransaction } from '@pac/persistence';
import { DataSource } from 'typeorm';
import { recordEnvironmentAction } from '../../application/environment-actions';
import { EnvironmentPreparation } from '../../application/environment-preparation';
import { quotasOfTenant } from '../../application/quotas';
import { operationResponse } from '../../application/responses';
import { visibleEnvironment } from '../../application/visibility';
import { decideCopyEnvironment } from '../../domain/environment-copy';
import { startOperation } from '../../domain/operation';
import {
  deleteEnvironment,
  environmentsOf,
  extensionsOf,
  insertEnvironment,
  insertExtension,
} from '../../persistence/environments';
import { recordOperation } from '../../persistence/operations';
import { TenantConfig } from '../../tenant.config';

@Injectable()
export class CopyEnvironmentHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly config: TenantConfig,
    private readonly outbox: Outbox,
    private readonly preparation: EnvironmentPreparation,
  ) {}

  /**
   * The reference's copy: the new environment is stored `preparing` with the source's version, country and
   * extensions, and its `copy` operation `running`, in one transaction (the tenant locked, as for a
   * creation, so that two copies cannot both take the last place of the quota); the preparation then makes it
   * active and emits environment.created (with `sourceEnvironment`). A refresh first removes the copy it
   * replaces (environment.purged), in the same transaction.
   */
  async execute(
    caller: Caller,
    tenantId: string,
    sourceName: string,
    request: CopyEnvironmentRequest,
  ): Promise<Decision<OperationResponse, AnswerableError>> {
    const now = this.clock.now();
    const result = await inTransaction(
      this.dataSource,
      async (manager): Promise<Decision<OperationResponse, AnswerableError>> => {
        const found = await visibleEnvironment(manager, caller, tenantId, sourceName, { lock: true });
        if (!found.ok) return found;
        const { tenant, environment: source } = found.value;
        const decision = decideCopyEnvironment(
          {
            environmentId: randomUUID(),
            environmentName: request.environmentName,
            type: request.type,
            refresh: request.refresh ?? false,
          },
          {
            tenant,
            source,
            existing: await environmentsOf(manager, tenant.id),
            quotas: (await quotasOfTenant(manager, this.config, tenant.id)).quotas,
          },
          now,
        );
        if (!decision.ok) return decision;
        const { environment, replaces } = decision.value;
        if (replaces) {
          await recordEnvironmentAction(
            manager,
            this.outbox,
            {
              type: 'purge',
              partnerId: tenant.partnerId,
              environment: replaces,
              createdBy: caller.subject,
              parameters: { reason: 'refresh', sourceEnvironment: source.name },
              event: EnvironmentPurged,
              eventDetails: {},
            },
            now,
          );
          await deleteEnvironment(manager, replaces.id);
        }
        const operation = startOperation(
          {
            id: randomUUID(),
            tenantId: tenant.id,
            environmentId: environment.id,
            environmentName: environment.name,
            type: 'copy',
            createdBy: caller.subject,
            parameters: {
              sourceEnvironment: source.name,
              type: environment.type,
              applicationVersion: environment.applicationVersion,
              refresh: replaces !== null,
            },
          },
          'running',
          now,
        );
        await insertEnvironment(manager, environment);
        for (const extension of await extensionsOf(manager, source.id)) {
          await insertExtension(manager, {
            ...extension,
            id: randomUUID(),
            environmentId: environment.id,
            installedAt: now.toISOString(),
          });
        }
        await recordOperation(manager, operation);
        return accept(operationResponse(operation));
      },
    );
    if (result.ok) afterCommit(() => this.preparation.completeSoon(result.value.id));
    return result;
  }
}
