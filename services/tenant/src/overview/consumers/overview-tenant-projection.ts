import { TENANT_SNAPSHOT_EVENTS, type TenantSnapshotData } from '@pac/contracts';
import type { EventHandler } from '@pac/bootstrap';
import type { EventEnvelope } from '@pac/messaging';
import type { EntityManager } from 'typeorm';
import { saveCustomer } from '../persistence/overview-store';

/**
 * The customer columns of the central view, from the tenant events (the same events integrators read, so
 * the view is fed like any other consumer). Each event carries the whole tenant: the newest one wins.
 */
export function overviewTenantProjection(): EventHandler<TenantSnapshotData>[] {
  return TENANT_SNAPSHOT_EVENTS.map((event) => ({
    event,
    async handle(envelope: EventEnvelope<TenantSnapshotData>, manager: EntityManager): Promise<void> {
      await saveCustomer(manager, envelope.data);
    },
  }));
}
