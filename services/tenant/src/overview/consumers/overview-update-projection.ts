import {
  UpdateAvailable,
  UpdateCanceled,
  UpdateCompatibilityWarning,
  UpdateFailed,
  UpdateMissed,
  UpdateRescheduled,
  UpdateScheduled,
  UpdateStarted,
  UpdateSucceeded,
  type EventDefinition,
  type UpdateEventData,
} from '@pac/contracts';
import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { InboxTransaction } from '@pac/bootstrap';
import type { EventEnvelope } from '@pac/messaging';
import type { EntityManager } from 'typeorm';
import {
  applyUpdateEvent,
  summarizeUpdates,
  type OverviewUpdate,
  type OverviewUpdateEvent,
} from '../domain/update-summary';
import { OverviewRowEntity, OverviewUpdateEntity } from '../persistence/overview-row.entity';

const UPDATE_EVENTS: EventDefinition<UpdateEventData>[] = [
  UpdateAvailable,
  UpdateCompatibilityWarning,
  UpdateScheduled,
  UpdateRescheduled,
  UpdateStarted,
  UpdateSucceeded,
  UpdateFailed,
  UpdateMissed,
  UpdateCanceled,
];

/**
 * The update columns of the central view (nextUpdate, lastUpdateResult, updateStatus), from the lifecycle
 * events: each update of each environment is kept as its events leave it, and the customer's columns are
 * derived again from all of them (domain/update-summary), so a cancel, a new time or a late event never
 * leaves a stale value behind.
 */
@Controller()
export class OverviewUpdateProjection {
  @EventPattern(UPDATE_EVENTS.map((event) => event.type))
  async handle(
    @Payload() envelope: EventEnvelope<UpdateEventData>,
    @InboxTransaction() manager: EntityManager,
  ): Promise<void> {
    const { tenantId, updateId } = envelope.data;
    const updates = manager.getRepository(OverviewUpdateEntity);
    const rows = await updates.find({ where: { tenantId } });
    const states = new Map(rows.map((row) => [row.updateId, row.state as OverviewUpdate]));
    const next = applyUpdateEvent(states.get(updateId), {
      type: envelope.type,
      data: envelope.data,
    } as OverviewUpdateEvent);
    if (!next) return;
    await updates.upsert({ tenantId, updateId, state: next }, ['tenantId', 'updateId']);
    states.set(updateId, next);
    const summary = summarizeUpdates([...states.values()]);
    await manager.getRepository(OverviewRowEntity).update(
      { tenantId },
      {
        nextUpdate: summary.nextUpdate,
        lastUpdateResult: summary.lastUpdateResult,
        updateStatus: summary.updateStatus,
      },
    );
  }
}
