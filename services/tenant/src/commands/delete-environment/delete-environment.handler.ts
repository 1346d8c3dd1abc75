import { Injectable } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import type { AnswerableError } from '@pac/bootstrap';
import { Clock } from '@pac/clock';
import { type Decision } from '@pac/domain';
import type { OperationResponse } from '@pac/http-contracts';
import { afterCommit, inTransaction } from '@pac/persistence';
import { DataSource } from 'typeorm';
import { EnvironmentOperations, scheduleEnvironmentChange } from '../../application/environment-operations';
import { visibleEnvironment } from '../../application/visibility';
import { decideSoftDelete } from '../../domain/environment';
import { environmentsOf } from '../../persistence/environments';

@Injectable()
export class DeleteEnvironmentHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly operations: EnvironmentOperations,
  ) {}

  /**
   * Soft delete, as an operation: checked now (refusals answered at once, nothing changed), then run by
   * EnvironmentOperations: the environment is renamed `<name>-yyMMddHHmmssff` and kept, recoverable, until
   * its purgeAt (14 days); the purge job removes it then.
   */
  async execute(
    caller: Caller,
    tenantId: string,
    name: string,
  ): Promise<Decision<OperationResponse, AnswerableError>> {
    const now = this.clock.now();
    const result = await inTransaction(
      this.dataSource,
      async (manager): Promise<Decision<OperationResponse, AnswerableError>> => {
        const found = await visibleEnvironment(manager, caller, tenantId, name, { lock: true });
        if (!found.ok) return found;
        const { tenant, environment } = found.value;
        const others = await environmentsOf(manager, tenant.id);
        const decision = decideSoftDelete(tenant, environment, others, now);
        if (!decision.ok) return decision;
        return scheduleEnvironmentChange(
          manager,
          { environment, type: 'soft-delete', createdBy: caller.subject, parameters: {} },
          now,
        );
      },
    );
    if (result.ok) afterCommit(() => this.operations.runSoon(result.value.id));
    return result;
  }
}
