import { Injectable } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import type { AnswerableError } from '@pac/bootstrap';
import { Clock } from '@pac/clock';
import { UpdateWindowChanged } from '@pac/contracts';
import { accept, reject, type Decision } from '@pac/domain';
import type { UpdateWindowRequest, UpdateWindowResponse } from '@pac/http-contracts';
import { Outbox } from '@pac/messaging';
import { inTransaction } from '@pac/persistence';
import { DataSource } from 'typeorm';
import { updateWindowResponse } from '../../application/responses';
import { saveAndAnnounce } from '../../application/update-events';
import { ENVIRONMENT_NOT_FOUND } from '../../domain/not-found';
import { moveWithWindow, type UpdateChange } from '../../domain/update';
import { validateUpdateWindow } from '../../domain/update-window';
import { findVisibleEnvironment, saveWindow } from '../../persistence/environments';
import { releaseTermsByVersion } from '../../persistence/releases';
import { pendingUpdatesOf } from '../../persistence/updates';

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
  ): Promise<Decision<UpdateWindowResponse, AnswerableError>> {
    const window = validateUpdateWindow(request);
    if (!window.ok) return window;
    const now = this.clock.now();
    return inTransaction(this.dataSource, async (manager) => {
      const current = await findVisibleEnvironment(manager, caller, tenantId, name, { lock: true });
      if (!current) return reject(ENVIRONMENT_NOT_FOUND);
      const environment = { ...current, window: window.value };
      const pending = await pendingUpdatesOf(manager, tenantId, name);
      const terms = await releaseTermsByVersion(
        manager,
        pending.map((update) => update.targetVersion),
      );
      const moves: UpdateChange[] = [];
      for (const update of pending) {
        const move = moveWithWindow(update, terms.get(update.targetVersion)!, environment.window, now);
        // A chosen date the new window would push past its deadline: the whole change is refused (409).
        if (!move.ok) return move;
        if (move.value) moves.push(move.value);
      }
      await saveWindow(manager, environment);
      await saveAndAnnounce(manager, this.outbox, moves, () => environment, now);
      await this.outbox.add(manager, {
        definition: UpdateWindowChanged,
        tenantId,
        environmentName: name,
        data: {
          tenantId,
          partnerId: environment.partnerId,
          environmentName: name,
          window: environment.window,
          previousWindow: current.window,
          occurredAt: now.toISOString(),
        },
      });
      return accept(updateWindowResponse(environment, now));
    });
  }
}
