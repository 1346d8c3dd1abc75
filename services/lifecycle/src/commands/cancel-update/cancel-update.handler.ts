import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import type { AnswerableError } from '@pac/bootstrap';
import { Clock } from '@pac/clock';
import { accept, refuse, reject, type Decision } from '@pac/domain';
import type { CanceledUpdateOperation, UpdateResponse } from '@pac/http-contracts';
import { Outbox } from '@pac/messaging';
import { inTransaction } from '@pac/persistence';
import { DataSource } from 'typeorm';
import { updateResponse } from '../../application/responses';
import { saveAndAnnounce } from '../../application/update-events';
import { ENVIRONMENT_NOT_FOUND, updateNotFound } from '../../domain/not-found';
import { decideCancel } from '../../domain/update';
import { findVisibleEnvironment } from '../../persistence/environments';
import { findRelease } from '../../persistence/releases';
import { findUpdateOfRun, lockedUpdate } from '../../persistence/updates';

/**
 * Which update to cancel: by its environment and version (the updates resource), or by the operation of its
 * run (POST /v1/operations/{id}/cancel), which cancels that run only, never a later run of the same update.
 */
export type UpdateToCancel = { environmentName: string; targetVersion: string } | { operationId: string };

/** The update after the cancel, and when it was canceled (the canceled operation's completedAt). */
export interface CanceledUpdate {
  update: UpdateResponse;
  canceledAt: Date;
}

/**
 * Cancels the scheduled run of an update (its operation ends `canceled`, update.canceled); what follows is
 * decideCancel's.
 */
@Injectable()
export class CancelUpdateHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
  ) {}

  execute(
    caller: Caller,
    tenantId: string,
    which: UpdateToCancel,
  ): Promise<Decision<CanceledUpdate, AnswerableError>> {
    const now = this.clock.now();
    return inTransaction(
      this.dataSource,
      async (manager): Promise<Decision<CanceledUpdate, AnswerableError>> => {
        // A run's operation names its environment only through the update's row.
        const name =
          'operationId' in which
            ? (await findUpdateOfRun(manager, tenantId, which.operationId))?.environmentName
            : which.environmentName;
        if (name === undefined) return reject(updateNotFound(notFoundMessage(which)));
        const environment = await findVisibleEnvironment(manager, caller, tenantId, name, { lock: true });
        if (!environment) return reject(ENVIRONMENT_NOT_FOUND);
        // Locked: a run the scheduler claims meanwhile is seen `running` here, never canceled under it; a run
        // started or replaced meanwhile is seen as it is now.
        const update = await lockedUpdate(
          manager,
          'operationId' in which
            ? { tenantId, environmentName: environment.name, operationId: which.operationId }
            : { tenantId, environmentName: environment.name, targetVersion: which.targetVersion },
        );
        const release = update ? await findRelease(manager, update.targetVersion) : null;
        if (!update || !release) return reject(updateNotFound(notFoundMessage(which)));
        const decision = decideCancel(
          update,
          release,
          environment.window,
          { canceledBy: caller.subject, newOperationId: randomUUID() },
          now,
        );
        if (!decision.ok) return decision;
        // The events' time is the canceled operation's completedAt: the instant this command answers.
        await saveAndAnnounce(manager, this.outbox, [decision.value], () => environment, now);
        return accept({
          update: updateResponse(decision.value.update, environment, release, now),
          canceledAt: now,
        });
      },
    );
  }

  /**
   * The cancel of a run by its operation, for the gateway's POST /v1/operations/{id}/cancel: this service,
   * which runs updates, decides whether the run is still scheduled (the tenant service's record of the
   * operation may be an event behind). Refusals read like the tenant service's for its own operations: 409
   * operation-not-cancelable, an update with no such run any more being over.
   */
  async cancelRun(
    caller: Caller,
    tenantId: string,
    operationId: string,
  ): Promise<Decision<CanceledUpdateOperation, AnswerableError>> {
    const result = await this.execute(caller, tenantId, { operationId });
    if (result.ok) {
      return accept({
        operationId,
        canceledAt: result.value.canceledAt.toISOString(),
        update: result.value.update,
      });
    }
    const { code, message } = result.error;
    return refuse(
      'operation-not-cancelable',
      code === 'update-not-scheduled' || code === 'update-mandatory'
        ? message
        : 'the operation is over: its update has no such scheduled run any more',
    );
  }
}

function notFoundMessage(which: UpdateToCancel): string {
  return 'operationId' in which
    ? `no update has a run with operation ${which.operationId}`
    : `no update to ${which.targetVersion}`;
}
