import { Injectable } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import { Clock } from '@pac/clock';
import { UpdateRescheduled, UpdateWindowChanged } from '@pac/contracts';
import type { UpdateWindowRequest, UpdateWindowResponse } from '@pac/http-contracts';
import { Outbox } from '@pac/messaging';
import { inTransaction } from '@pac/persistence';
import { DataSource } from 'typeorm';
import { runAfterWindowChange } from '../../domain/update-schedule';
import { validateUpdateWindow, type FieldProblem } from '../../domain/update-window';
import { findEnvironment } from '../../environment-lookup';
import { pendingUpdatesOf } from '../../consumers/environment-projection';
import { EnvironmentViewEntity } from '../../persistence/environment-view.entity';
import { changeUpdate } from '../../persistence/update-rows';
import { updateEventData } from '../../update-event';
import { updateWindowResponse } from '../../queries/get-update-window/update-window-response';

export type SetUpdateWindowResult =
  | { ok: true; window: UpdateWindowResponse }
  | { ok: false; error: { code: 'invalid'; problems: FieldProblem[] } | { code: 'environment-not-found' } };

/**
 * Sets an environment's update window. Its scheduled updates move with it (automatic ones to the new window of
 * their deadline day, selected ones to the new window at or after the time asked for) and say so with
 * update.rescheduled; update-window.changed announces the window.
 */
@Injectable()
export class SetUpdateWindowHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
  ) {}

  async execute(
    caller: Caller,
    tenantId: string,
    name: string,
    request: UpdateWindowRequest,
  ): Promise<SetUpdateWindowResult> {
    const checked = validateUpdateWindow(request);
    if (!checked.ok) return { ok: false, error: { code: 'invalid', problems: checked.problems } };
    const window = checked.window;
    const now = this.clock.now();
    return inTransaction(this.dataSource, async (manager) => {
      const environment = await findEnvironment(manager, caller, tenantId, name, true);
      if (!environment) return { ok: false, error: { code: 'environment-not-found' } };
      const previous = environment.window();
      Object.assign(environment, {
        preferredStartTime: window.preferredStartTime,
        preferredEndTime: window.preferredEndTime,
        timeZone: window.timeZone,
      });
      await manager.getRepository(EnvironmentViewEntity).save(environment);

      for (const { update, release } of await pendingUpdatesOf(manager, tenantId, name)) {
        const run = update.run();
        if (update.status !== 'scheduled' || !run) continue;
        const next = runAfterWindowChange(
          {
            selected: update.selected,
            ...(update.selectedDateTime ? { selectedDateTime: update.selectedDateTime } : {}),
            ignoreUpdateWindow: update.ignoreUpdateWindow,
            run,
          },
          release.terms(),
          window,
          now,
        );
        if (
          next.scheduledFor.getTime() === run.scheduledFor.getTime() &&
          next.windowClosesAt.getTime() === run.windowClosesAt.getTime()
        )
          continue;
        await changeUpdate(manager, update, {
          scheduledFor: next.scheduledFor,
          windowClosesAt: next.windowClosesAt,
          updatedAt: now,
        });
        await this.outbox.add(manager, {
          definition: UpdateRescheduled,
          tenantId,
          environmentName: name,
          data: {
            ...updateEventData(update, environment, release.terms(), now),
            previousScheduledFor: run.scheduledFor.toISOString(),
            reason: 'update-window-changed',
          },
        });
      }
      await this.outbox.add(manager, {
        definition: UpdateWindowChanged,
        tenantId,
        environmentName: name,
        data: {
          tenantId,
          partnerId: environment.partnerId,
          environmentName: name,
          window,
          previousWindow: previous,
          occurredAt: now.toISOString(),
        },
      });
      return { ok: true, window: updateWindowResponse(environment, now) };
    });
  }
}
