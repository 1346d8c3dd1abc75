import { Injectable } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import type { AnswerableError } from '@pac/bootstrap';
import { accept, type Decision } from '@pac/domain';
import type { OperationResponse } from '@pac/http-contracts';
import { EnvironmentOperations } from '../../application/environment-operations';
import { decideSoftDelete } from '../../domain/environment';
import { environmentsOf } from '../../persistence/environments';

@Injectable()
export class DeleteEnvironmentHandler {
  constructor(private readonly operations: EnvironmentOperations) {}

  /**
   * Soft delete, as an operation: checked now, then run by EnvironmentOperations: the environment is renamed
   * `<name>-yyMMddHHmmssff` and kept, recoverable, until its purgeAt (14 days); the purge job removes it then.
   */
  execute(
    caller: Caller,
    tenantId: string,
    name: string,
  ): Promise<Decision<OperationResponse, AnswerableError>> {
    return this.operations.request(caller, tenantId, name, async (manager, { tenant, environment }, now) => {
      const decision = decideSoftDelete(tenant, environment, await environmentsOf(manager, tenant.id), now);
      return decision.ok ? accept({ type: 'soft-delete', parameters: {} }) : decision;
    });
  }
}
