import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { InboxTransaction } from '@pac/bootstrap';
import { Clock } from '@pac/clock';
import { UpdateRunEnded, UpdateStarted, type UpdateStartedData } from '@pac/contracts';
import { Outbox, type EventEnvelope } from '@pac/messaging';
import type { EntityManager } from 'typeorm';
import { recordUpdateOperation } from '../application/update-operations';
import { decideStartUpdate } from '../domain/update';
import { findEnvironmentByName, saveEnvironment } from '../persistence/environments';
import { findOperation } from '../persistence/operations';

/**
 * The lifecycle service started an update: step 1, in the inbox transaction. A settled environment becomes
 * `updating` and the update's operation `running`; ApplyUpdatesJob applies it at its next run (every
 * UPDATE_APPLY_INTERVAL_MS; event handlers live in the runtime module, so they cannot call the job directly).
 * An environment that cannot take it now (preparing, already updating, soft-deleted, gone) is reported
 * `not-started` at once: the lifecycle service tries again later in the window or moves it to the next one,
 * and the operation stays scheduled.
 */
@Controller()
export class OnUpdateStarted {
  constructor(
    private readonly outbox: Outbox,
    private readonly clock: Clock,
  ) {}

  @EventPattern(UpdateStarted.type)
  async handle(
    @Payload() envelope: EventEnvelope<UpdateStartedData>,
    @InboxTransaction() manager: EntityManager,
  ): Promise<void> {
    const update = envelope.data;
    const now = this.clock.now();
    // A run already taken (or over) is not started again, whatever asks.
    const known = await findOperation(manager, update.operationId, { lock: true });
    if (known && known.status !== 'scheduled') return;
    const environment = await findEnvironmentByName(manager, update.tenantId, update.environmentName, {
      lock: true,
    });
    const started = decideStartUpdate(environment, now);
    if (!started.ok) {
      await recordUpdateOperation(manager, update, 'scheduled', new Date(envelope.time), { known });
      await this.outbox.add(manager, {
        definition: UpdateRunEnded,
        tenantId: update.tenantId,
        environmentName: update.environmentName,
        data: {
          updateId: update.updateId,
          operationId: update.operationId,
          tenantId: update.tenantId,
          partnerId: update.partnerId,
          environmentName: update.environmentName,
          targetVersion: update.targetVersion,
          outcome: 'not-started',
          previousVersion: environment?.applicationVersion ?? update.currentVersion,
          applicationVersion: environment?.applicationVersion ?? update.currentVersion,
          blockingExtensions: [],
          reason: started.error.message,
          occurredAt: now.toISOString(),
        },
      });
      return;
    }
    await saveEnvironment(manager, started.value);
    await recordUpdateOperation(manager, update, 'running', now, { known });
  }
}
