import { Injectable } from '@nestjs/common';
import type { EventHandler } from '@pac/bootstrap';
import { TenantCreated, type TenantCreatedData } from '@pac/contracts';
import type { EventEnvelope } from '@pac/messaging';
import type { EntityManager } from 'typeorm';
import { notify } from '../application/inbox';
import { tenantOnboardedContent } from '../domain/notification';

/** A new customer: the partner's inbox says it was onboarded. */
@Injectable()
export class OnTenantCreated implements EventHandler<TenantCreatedData> {
  readonly event = TenantCreated;

  async handle(envelope: EventEnvelope<TenantCreatedData>, manager: EntityManager): Promise<void> {
    const tenant = envelope.data;
    await notify(
      manager,
      envelope,
      { partnerId: tenant.partnerId, tenantId: tenant.tenantId, environmentName: null },
      tenantOnboardedContent(tenant),
    );
  }
}
