import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { InboxTransaction } from '@pac/bootstrap';
import { TenantCreated, type TenantCreatedData } from '@pac/contracts';
import type { EventEnvelope } from '@pac/messaging';
import type { EntityManager } from 'typeorm';
import { notify } from '../application/inbox';
import { tenantOnboardedContent } from '../domain/notification';

/** A new customer: the partner's inbox says it was onboarded. */
@Controller()
export class OnTenantCreated {
  @EventPattern(TenantCreated.type)
  async handle(
    @Payload() envelope: EventEnvelope<TenantCreatedData>,
    @InboxTransaction() manager: EntityManager,
  ): Promise<void> {
    const tenant = envelope.data;
    await notify(
      manager,
      envelope,
      { partnerId: tenant.partnerId, tenantId: tenant.tenantId, environmentName: null },
      tenantOnboardedContent(tenant),
    );
  }
}
