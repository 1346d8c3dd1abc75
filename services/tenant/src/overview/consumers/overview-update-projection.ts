import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { InboxTransaction } from '@pac/bootstrap';
import { UPDATE_EVENTS, type UpdateEventData } from '@pac/contracts';
import type { EventEnvelope } from '@pac/messaging';
import type { EntityManager } from 'typeorm';
import { applyUpdateEvent, summarizeUpdates, type OverviewUpdateEvent } from '../domain/update-summary';
import { saveUpdate, saveUpdateColumns, updatesOfCustomer } from '../persistence/overview-store';

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
    const states = await updatesOfCustomer(manager, tenantId);
    const next = applyUpdateEvent(states.get(updateId), {
      type: envelope.type,
      data: envelope.data,
    } as OverviewUpdateEvent);
    if (!next) return;
    await saveUpdate(manager, tenantId, updateId, next);
    states.set(updateId, next);
    await saveUpdateColumns(manager, tenantId, summarizeUpdates([...states.values()]));
  }
}
