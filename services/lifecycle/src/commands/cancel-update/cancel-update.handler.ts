import { Injectable } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import { Clock } from '@pac/clock';
import { UpdateCanceled } from '@pac/contracts';
import type { UpdateResponse } from '@pac/http-contracts';
import { Outbox } from '@pac/messaging';
import { DataSource } from 'typeorm';
import { findEnvironment } from '../../environment-lookup';
import { ReleaseEntity } from '../../persistence/release.entity';
import { changeUpdate, lockedUpdate } from '../../persistence/update-rows';
import { updateEventData } from '../../update-event';
import { updateResponse } from '../../update-response';

export type CancelUpdateResult =
  | { ok: true; update: UpdateResponse }
  | {
      ok: false;
      error: { code: 'environment-not-found' | 'update-not-found' | 'update-not-scheduled'; message: string };
    };

/**
 * Cancels the scheduled run of an update (its operation ends `canceled`). The update stays available and is
 * not scheduled again automatically: the partner chose to hold it, and schedules it again when ready.
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
    name: string,
    targetVersion: string,
  ): Promise<CancelUpdateResult> {
    const now = this.clock.now();
    return this.dataSource.transaction(async (manager): Promise<CancelUpdateResult> => {
      const environment = await findEnvironment(manager, caller, tenantId, name, true);
      if (!environment)
        return { ok: false, error: { code: 'environment-not-found', message: 'no such environment' } };
      // Locked: a run the scheduler claims meanwhile is seen `running` here, never canceled under it.
      const update = await lockedUpdate(manager, { tenantId, environmentName: name, targetVersion });
      const release = await manager.getRepository(ReleaseEntity).findOneBy({ version: targetVersion });
      if (!update || !release)
        return { ok: false, error: { code: 'update-not-found', message: `no update to ${targetVersion}` } };
      if (update.status !== 'scheduled') {
        return {
          ok: false,
          error: {
            code: 'update-not-scheduled',
            message: `the update to ${targetVersion} is ${update.status}: only a scheduled update can be canceled`,
          },
        };
      }
      const canceled = { ...update, scheduledFor: null, windowClosesAt: null };
      await changeUpdate(manager, update, {
        status: 'available',
        selected: false,
        selectedDateTime: null,
        ignoreUpdateWindow: false,
        scheduledFor: null,
        windowClosesAt: null,
        updatedAt: now,
      });
      await this.outbox.add(manager, {
        definition: UpdateCanceled,
        tenantId,
        environmentName: name,
        data: {
          ...updateEventData({ ...canceled, status: 'available' }, environment, release.terms(), now),
          reason: 'canceled',
          canceledBy: caller.subject,
        },
      });
      return { ok: true, update: updateResponse(update, environment, release.terms()) };
    });
  }
}
