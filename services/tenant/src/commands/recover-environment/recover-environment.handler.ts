import { Injectable } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import type { AnswerableError } from '@pac/bootstrap';
import { Clock } from '@pac/clock';
import { type Decision } from '@pac/domain';
import type { OperationResponse, RecoverEnvironmentRequest } from '@pac/http-contracts';
import { afterCommit, inTransaction } from '@pac/persistence';
import { DataSource } from 'typeorm';
import { EnvironmentOperations, scheduleEnvironmentChange } from '../../application/environment-operations';
import { quotasOfTenant } from '../../application/quotas';
import { visibleEnvironment } from '../../application/visibility';
import { decideRecover } from '../../domain/environment';
import { environmentsOf } from '../../persistence/environments';
import { TenantConfig } from '../../tenant.config';

@Injectable()
export class RecoverEnvironmentHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly config: TenantConfig,
    private readonly operations: EnvironmentOperations,
  ) {}

  /**
   * Brings a soft-deleted environment back, as an operation, if the purge has not removed it yet (then 404):
   * under the name it had before its deletion, or under `newName` (docs/environments.md, recovery).
   */
  async execute(
    caller: Caller,
    tenantId: string,
    name: string,
    request: RecoverEnvironmentRequest,
  ): Promise<Decision<OperationResponse, AnswerableError>> {
    const now = this.clock.now();
    const result = await inTransaction(
      this.dataSource,
      async (manager): Promise<Decision<OperationResponse, AnswerableError>> => {
        const found = await visibleEnvironment(manager, caller, tenantId, name, { lock: true });
        if (!found.ok) return found;
        const { tenant, environment } = found.value;
        const others = await environmentsOf(manager, tenant.id);
        const { quotas } = await quotasOfTenant(manager, this.config, tenant.id);
        const command = request.newName !== undefined ? { newName: request.newName } : {};
        const decision = decideRecover(tenant, environment, command, { others, quotas }, now);
        if (!decision.ok) return decision;
        return scheduleEnvironmentChange(
          manager,
          { environment, type: 'recover', createdBy: caller.subject, parameters: command },
          now,
        );
      },
    );
    if (result.ok) afterCommit(() => this.operations.runSoon(result.value.id));
    return result;
  }
}
