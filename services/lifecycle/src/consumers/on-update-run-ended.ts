import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { InboxTransaction } from '@pac/bootstrap';
import { Clock } from '@pac/clock';
import {
  UpdateFailed,
  UpdateMissed,
  UpdateRescheduled,
  UpdateRunEnded,
  type UpdateRunEndedData,
} from '@pac/contracts';
import { Outbox, type EventEnvelope } from '@pac/messaging';
import type { EntityManager } from 'typeorm';
import { afterBusy } from '../domain/update-schedule';
import { windowContaining } from '../domain/update-window';
import { EnvironmentViewEntity } from '../persistence/environment-view.entity';
import { ReleaseEntity } from '../persistence/release.entity';
import { UpdateEntity } from '../persistence/update.entity';
import { updateEventData } from '../update-event';
import { succeedUpdate } from './update-run-results';

/**
 * The tenant service's answer to update.started when the run did not succeed: it failed because of extensions
 * (update.failed, naming them), or could not start because the environment was busy (tried again later in the
 * window, else update.missed and the next window). Success comes as environment.version-changed. An answer about a run that is not the
 * update's current running one (a duplicate, a late answer) changes nothing.
 */
@Controller()
export class OnUpdateRunEnded {
  constructor(
    private readonly outbox: Outbox,
    private readonly clock: Clock,
  ) {}

  @EventPattern(UpdateRunEnded.type)
  async handle(
    @Payload() envelope: EventEnvelope<UpdateRunEndedData>,
    @InboxTransaction() manager: EntityManager,
  ): Promise<void> {
    const result = envelope.data;
    const update = await manager.getRepository(UpdateEntity).findOne({
      where: { id: result.updateId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!update || update.status !== 'running' || update.operationId !== result.operationId) return;
    const environment = await manager
      .getRepository(EnvironmentViewEntity)
      .findOneBy({ tenantId: update.tenantId, name: update.environmentName });
    const release = await manager.getRepository(ReleaseEntity).findOneBy({ version: update.targetVersion });
    if (!environment || !release) return;
    const now = this.clock.now();
    const address = { tenantId: update.tenantId, environmentName: update.environmentName };
    const repository = manager.getRepository(UpdateEntity);

    if (result.outcome === 'succeeded') {
      // Success is normally announced by environment.version-changed (with the updateId); this is the same.
      await succeedUpdate(
        manager,
        this.outbox,
        environment,
        update.id,
        result.previousVersion,
        now,
        result.operationId,
      );
      return;
    }

    if (result.outcome === 'failed') {
      const reason = result.reason ?? `the update to ${update.targetVersion} failed`;
      Object.assign(update, {
        status: 'failed',
        completedAt: now,
        updatedAt: now,
        blockingExtensions: result.blockingExtensions,
        failureReason: reason,
      });
      await repository.save(update);
      await this.outbox.add(manager, {
        definition: UpdateFailed,
        ...address,
        data: {
          ...updateEventData(update, environment, release.terms(), now),
          reason,
          blockingExtensions: result.blockingExtensions,
          completedAt: now.toISOString(),
        },
      });
      return;
    }

    // not started: the environment was busy
    const run = update.run()!;
    const next = afterBusy(run, environment.window(), now);
    Object.assign(update, {
      status: 'scheduled',
      startedAt: null,
      scheduledFor: next.run.scheduledFor,
      windowClosesAt: next.run.windowClosesAt,
      updatedAt: now,
    });
    await repository.save(update);
    const data = updateEventData(update, environment, release.terms(), now);
    if (next.kind === 'retry') {
      await this.outbox.add(manager, {
        definition: UpdateRescheduled,
        ...address,
        data: { ...data, previousScheduledFor: run.scheduledFor.toISOString(), reason: 'environment-busy' },
      });
    } else {
      await this.outbox.add(manager, {
        definition: UpdateMissed,
        ...address,
        data: {
          ...data,
          reason: 'environment-busy',
          missedWindow: {
            opensAt: (
              windowContaining(run.scheduledFor, environment.window())?.opensAt ?? run.scheduledFor
            ).toISOString(),
            closesAt: run.windowClosesAt.toISOString(),
          },
        },
      });
    }
  }
}
