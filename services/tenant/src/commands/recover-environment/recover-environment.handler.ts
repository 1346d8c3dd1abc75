import { Injectable } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import type { AnswerableError } from '@pac/bootstrap';
import { accept, type Decision } from '@pac/domain';
import type { OperationResponse, RecoverEnvironmentRequest } from '@pac/http-contracts';
import { EnvironmentOperations } from '../../application/environment-operations';
import { quotasOfTenant } from '../../application/quotas';
import { decideRecover } from '../../domain/environment';
import { environmentsOf } from '../../persistence/environments';
import { TenantConfig } from '../../tenant.config';

@Injectable()
export class RecoverEnvironmentHandler {
  constructor(
    private readonly operations: EnvironmentOperations,
    private readonly config: TenantConfig,
  ) {}

  /**
   * Brings a soft-deleted environment back, as an operation, if the purge has not removed it yet (then 404):
   * under the name it had before its deletion, or under `newName` (docs/environments.md, recovery).
   */
  execute(
    caller: Caller,
    tenantId: string,
    name: string,
    request: RecoverEnvironmentRequest,
  ): Promise<Decision<OperationResponse, AnswerableError>> {
    const command = request.newName !== undefined ? { newName: request.newName } : {};
    return this.operations.request(caller, tenantId, name, async (manager, { tenant, environment }, now) => {
      const others = await environmentsOf(manager, tenant.id);
      const { quotas } = await quotasOfTenant(manager, this.config, tenant.id);
      const decision = decideRecover(tenant, environment, command, { others, quotas }, now);
      return decision.ok ? accept({ type: 'recover', parameters: command }) : decision;
    });
  }
}
