import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import { Clock } from '@pac/clock';
import type { CreateEnvironmentRequest } from '@pac/http-contracts';
import { afterCommit, inTransaction } from '@pac/persistence';
import { DataSource } from 'typeorm';
import { accept, refuse, type Decision } from '../../domain/decision';
import { decideCreateEnvironment } from '../../domain/environment';
import { startOperation, type Operation } from '../../domain/operation';
import { PrepareEnvironmentsJob } from '../../jobs/prepare-environments.job';
import { EnvironmentEntity } from '../../persistence/environment.entity';
import { environmentsOf, findVisibleTenant, recordOperation } from '../../persistence/tenant-scope';
import { TenantConfig } from '../../tenant.config';

@Injectable()
export class CreateEnvironmentHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly config: TenantConfig,
    private readonly preparation: PrepareEnvironmentsJob,
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
  ): Promise<Decision<Operation>> {
    const now = this.clock.now();
    const result = await inTransaction(this.dataSource, async (manager): Promise<Decision<Operation>> => {
      const tenant = await findVisibleTenant(manager, caller, tenantId, { lock: true });
      if (!tenant) return refuse('tenant-not-found', 'no such tenant');
      const decision = decideCreateEnvironment(
        { environmentId: randomUUID(), ...request },
        {
          tenant: tenant.toDomain(),
          existing: await environmentsOf(manager, tenant.id),
          quotas: {
            production: this.config.ENVIRONMENT_QUOTA_PRODUCTION,
            sandbox: this.config.ENVIRONMENT_QUOTA_SANDBOX,
          },
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
      await manager.getRepository(EnvironmentEntity).insert(EnvironmentEntity.fromDomain(environment));
      await recordOperation(manager, operation, environment.id);
      return accept(operation);
    });
    // The preparation must find the operation: it looks once the request's transaction has committed.
    if (result.ok) afterCommit(() => this.preparation.completeSoon(result.value.id));
    return result;
  }
}
