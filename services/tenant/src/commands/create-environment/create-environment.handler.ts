import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import type { AnswerableError } from '@pac/bootstrap';
import { Clock } from '@pac/clock';
import { accept, type Decision } from '@pac/domain';
import type { CreateEnvironmentRequest, OperationResponse } from '@pac/http-contracts';
import { afterCommit, inTransaction } from '@pac/persistence';
import { DataSource } from 'typeorm';
import { EnvironmentPreparation } from '../../application/environment-preparation';
import { quotasOfTenant } from '../../application/quotas';
import { operationResponse } from '../../application/responses';
import { visibleTenant } from '../../application/visibility';
import { decideCreateEnvironment } from '../../domain/environment';
import { startOperation } from '../../domain/operation';
import { environmentsOf, insertEnvironment } from '../../persistence/environments';
import { recordOperation } from '../../persistence/operations';
import { TenantConfig } from '../../tenant.config';

@Injectable()
export class CreateEnvironmentHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly config: TenantConfig,
    private readonly preparation: EnvironmentPreparation,
  ) {}

  /**
   * Stores the environment `preparing` and its `create` operation `running` in one transaction (the tenant
   * row locked, so two creations cannot both take the last place of a quota), then hands the operation to
   * the preparation, which makes the environment active and emits environment.created.
   */
  async execute(
    caller: Caller,
    tenantId: string,
    request: CreateEnvironmentRequest,
  ): Promise<Decision<OperationResponse, AnswerableError>> {
    const now = this.clock.now();
    const result = await inTransaction(
      this.dataSource,
      async (manager): Promise<Decision<OperationResponse, AnswerableError>> => {
        const visible = await visibleTenant(manager, caller, tenantId, { lock: true });
        if (!visible.ok) return visible;
        const tenant = visible.value;
        const decision = decideCreateEnvironment(
          { environmentId: randomUUID(), ...request },
          {
            tenant,
            existing: await environmentsOf(manager, tenant.id),
            quotas: (await quotasOfTenant(manager, this.config, tenant.id)).quotas,
            defaultApplicationVersion: this.config.DEFAULT_APPLICATION_VERSION,
          },
          now,
        );
        if (!decision.ok) return decision;
        const environment = decision.value;
        const operation = startOperation(
          {
            id: randomUUID(),
            tenantId: tenant.id,
            environmentId: environment.id,
            environmentName: environment.name,
            type: 'create',
            createdBy: caller.subject,
            parameters: {
              type: environment.type,
              applicationVersion: environment.applicationVersion,
              countryCode: environment.countryCode,
            },
          },
          'running',
          now,
        );
        await insertEnvironment(manager, environment);
        await recordOperation(manager, operation);
        return accept(operationResponse(operation));
      },
    );
    // The preparation must find the operation: it looks once the request's transaction has committed.
    if (result.ok) afterCommit(() => this.preparation.completeSoon(result.value.id));
    return result;
  }
}
