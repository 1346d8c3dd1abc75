import { Injectable } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import type { AnswerableError } from '@pac/bootstrap';
import { accept, type Decision } from '@pac/domain';
import type { OperationResponse } from '@pac/http-contracts';
import { EnvironmentOperations } from '../../application/environment-operations';
import { decideRename } from '../../domain/environment';
import { environmentsOf } from '../../persistence/environments';

@Injectable()
export class RenameEnvironmentHandler {
  constructor(private readonly operations: EnvironmentOperations) {}

  /** Renames an environment, as an operation; the new name must be free in the tenant (checked now and when it runs). */
  execute(
    caller: Caller,
    tenantId: string,
    name: string,
    newName: string,
  ): Promise<Decision<OperationResponse, AnswerableError>> {
    return this.operations.request(caller, tenantId, name, async (manager, { tenant, environment }, now) => {
      const others = await environmentsOf(manager, tenant.id);
      const decision = decideRename(tenant, environment, newName, others, now);
      if (!decision.ok) return decision;
      return accept({ type: 'rename', parameters: { previousName: environment.name, newName } });
    });
  }
}
