import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import { Clock } from '@pac/clock';
import { UpdateCanceled, UpdateRescheduled } from '@pac/contracts';
import type { UpdateResponse } from '@pac/http-contracts';
import { Outbox } from '@pac/messaging';
import { inTransaction } from '@pac/persistence';
import { DataSource, type EntityManager } from 'typeorm';
import { decideCancel } from '../../domain/update-schedule';
import { findEnvironment } from '../../environment-lookup';
import { ReleaseEntity } from '../../persistence/release.entity';
import { changeUpdate, lockedUpdate } from '../../persistence/update-rows';
import { UpdateEntity } from '../../persistence/update.entity';
import { updateEventData, type UpdateRow } from '../../update-event';
import { updateResponse } from '../../update-response';

/**
 * Which update to cancel: by its environment and version (the updates resource), or by the operation of its
 * run (POST /v1/operations/{id}/cancel), which cancels that run only, never a later run of the same update.
 */
export type UpdateToCancel = { environmentName: string; targetVersion: string } | { operationId: string };

export type CancelUpdateResult =
  | { ok: true; update: UpdateResponse; canceledAt: Date }
  | {
      ok: false;
      error: {
        code: 'environment-not-found' | 'update-not-found' | 'update-not-scheduled' | 'update-mandatory';
        message: string;
      };
    };

/**
 * Cancels the scheduled run of an update (its operation ends `canceled`, update.canceled). What follows is
 * `decideCancel`'s: a mandatory update's chosen run goes back to the automatic run of its deadline day as a
 * new run (update.rescheduled, reason run-canceled), its automatic run is refused (409: move it instead); a
 * preview stays available, unscheduled, until a partner selects it again.
 */
@Injectable()
export class CancelUpdateHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
  ) {}

  execute(caller: Caller, tenantId: string, which: UpdateToCancel): Promise<CancelUpdateResult> {
    const now = this.clock.now();
    return inTransaction(this.dataSource, async (manager): Promise<CancelUpdateResult> => {
      const name = await environmentNameOf(manager, tenantId, which);
      if (name === undefined)
        return { ok: false, error: { code: 'update-not-found', message: notFoundMessage(which) } };
      const environment = await findEnvironment(manager, caller, tenantId, name, true);
      if (!environment)
        return { ok: false, error: { code: 'environment-not-found', message: 'no such environment' } };
      // Locked: a run the scheduler claims meanwhile is seen `running` here, never canceled under it; a run
      // started or replaced meanwhile is seen as it is now.
      const update = await lockedUpdate(
        manager,
        'operationId' in which
          ? { tenantId, environmentName: environment.name, operationId: which.operationId }
          : { tenantId, environmentName: environment.name, targetVersion: which.targetVersion },
      );
      const release = update
        ? await manager.getRepository(ReleaseEntity).findOneBy({ version: update.targetVersion })
        : null;
      if (!update || !release)
        return { ok: false, error: { code: 'update-not-found', message: notFoundMessage(which) } };
      if (update.status !== 'scheduled') {
        return {
          ok: false,
          error: {
            code: 'update-not-scheduled',
            message: `the update to ${update.targetVersion} is ${update.status}: only a scheduled update can be canceled`,
          },
        };
      }
      const decision = decideCancel(update, release.terms(), environment.window(), now);
      if (!decision.ok) return decision;
      const previous = { ...update };
      const next = decision.value;
      // A mandatory update's automatic run is a new run: the canceled one's operation is over.
      await changeUpdate(manager, update, {
        status: next.kind === 'automatic' ? 'scheduled' : 'available',
        operationId: next.kind === 'automatic' ? randomUUID() : update.operationId,
        selected: false,
        selectedDateTime: null,
        ignoreUpdateWindow: false,
        scheduledFor: next.kind === 'automatic' ? next.run.scheduledFor : null,
        windowClosesAt: next.kind === 'automatic' ? next.run.windowClosesAt : null,
        updatedAt: now,
      });
      const eventOf = (row: UpdateRow) => updateEventData(row, environment, release.terms(), now);
      // The events' time is the canceled operation's completedAt: the instant this command answers.
      const address = { tenantId, environmentName: environment.name, time: now };
      const ended = { ...previous, status: 'available' as const, scheduledFor: null, windowClosesAt: null };
      await this.outbox.add(manager, {
        definition: UpdateCanceled,
        ...address,
        data: { ...eventOf(ended), reason: 'canceled', canceledBy: caller.subject },
      });
      if (next.kind === 'automatic') {
        await this.outbox.add(manager, {
          definition: UpdateRescheduled,
          ...address,
          data: {
            ...eventOf(update),
            previousScheduledFor: previous.scheduledFor?.toISOString() ?? null,
            reason: 'run-canceled',
          },
        });
      }
      return { ok: true, update: updateResponse(update, environment, release.terms()), canceledAt: now };
    });
  }
}

/** The environment of the update to cancel; a run's operation names it only through the update's row. */
async function environmentNameOf(
  manager: EntityManager,
  tenantId: string,
  which: UpdateToCancel,
): Promise<string | undefined> {
  if (!('operationId' in which)) return which.environmentName;
  const update = await manager
    .getRepository(UpdateEntity)
    .findOneBy({ tenantId, operationId: which.operationId });
  return update?.environmentName;
}

function notFoundMessage(which: UpdateToCancel): string {
  return 'operationId' in which
    ? `no update has a run with operation ${which.operationId}`
    : `no update to ${which.targetVersion}`;
}
