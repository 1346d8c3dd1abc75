import { randomUUID } from 'node:crypto';
import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { InboxTransaction } from '@pac/bootstrap';
import { Clock } from '@pac/clock';
import { UpdateRunEnded, type UpdateRunEndedData } from '@pac/contracts';
import { Outbox, type EventEnvelope } from '@pac/messaging';
import type { EntityManager } from 'typeorm';
import { saveAndAnnounce } from '../application/update-events';
import { endRun } from '../domain/update';
import { findEnvironment } from '../persistence/environments';
import { findRelease } from '../persistence/releases';
import { lockedUpdate } from '../persistence/updates';

/**
 * The tenant service's answer to update.started when the run did not succeed: it failed because of extensions
 * (update.failed, naming them; a new attempt seven days later), or could not start because the environment was busy (tried again later in the
 * window, else update.missed and the next window); endRun decides. Success comes as
 * environment.version-changed. An answer about a run that is not the update's current running one (a
 * duplicate, a late answer) changes nothing.
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
    const update = await lockedUpdate(manager, { id: result.updateId });
    if (!update) return;
    const environment = await findEnvironment(manager, update.tenantId, update.environmentName);
    if (!environment) return;
    const release = await findRelease(manager, update.targetVersion);
    if (!release) return;
    const now = this.clock.now();
    const change = endRun(
      update,
      result,
      { release, window: environment.window, newOperationId: randomUUID() },
      now,
    );
    if (change) await saveAndAnnounce(manager, this.outbox, [change], () => environment, now);
  }
}
