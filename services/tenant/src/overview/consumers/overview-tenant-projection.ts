import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { InboxTransaction } from '@pac/bootstrap';
import { TENANT_SNAPSHOT_EVENTS, type TenantSnapshotData } from '@pac/contracts';
import type { EventEnvelope } from '@pac/messaging';
import type { EntityManager } from 'typeorm';
import { saveCustomer } from '../persistence/overview-store';

/**
 * The customer columns of the central view, from the tenant events (the same events integrators read, so
 * the view is fed like any other consumer). Each event carries the whole tenant: the newest one wins.
 */
@Controller()
export class OverviewTenantProjection {
  @EventPattern(TENANT_SNAPSHOT_EVENTS.map((event) => event.type))
  async handle(
    @Payload() envelope: EventEnvelope<TenantSnapshotData>,
    @InboxTransaction() manager: EntityManager,
  ): Promise<void> {
    await saveCustomer(manager, envelope.data);
  }
}
