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
import { decideRename } from '../../domain/environment';
import { environmentsOf } from '../../persistence/environments';

@Injectable()
export class RenameEnvironmentHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly operations: EnvironmentOperations,
  ) {}

  /** Renames an environment, as an operation; the new name must be free in the tenant (checked now and when it runs). */
  async execute(
    caller: Caller,
    tenantId: string,
    name: string,
    newName: string,
  ): Promise<Decision<OperationResponse, AnswerableError>> {
    const now = this.clock.now();
    const result = await inTransaction(
      this.dataSource,
      async (manager): Promise<Decision<OperationResponse, AnswerableError>> => {
        const found = await visibleEnvironment(manager, caller, tenantId, name, { lock: true });
        if (!found.ok) return found;
        const { tenant, environment } = found.value;
        const decision = decideRename(
          tenant,
          environment,
          newName,
          await environmentsOf(manager, tenant.id),
          now,
        );
        if (!decision.ok) return decision;
        return scheduleEnvironmentChange(
          manager,
          {
            environment,
            type: 'rename',
            createdBy: caller.subject,
            parameters: { previousName: environment.name, newName },
          },
          now,
        );
      },
    );
    if (result.ok) afterCommit(() => this.operations.runSoon(result.value.id));
    return result;
  }
}
