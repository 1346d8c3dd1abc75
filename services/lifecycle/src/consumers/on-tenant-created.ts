import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { InboxTransaction } from '@pac/bootstrap';
import { TenantCreated, type TenantCreatedData } from '@pac/contracts';
import type { EventEnvelope } from '@pac/messaging';
import type { EntityManager } from 'typeorm';
import { defaultUpdateWindow } from '../domain/update-window';
import { insertPolicy } from '../persistence/update-window-policies';

/** A new customer gets the default update window for the environments it will have. */
@Controller()
export class OnTenantCreated {
  @EventPattern(TenantCreated.type)
  async handle(
    @Payload() envelope: EventEnvelope<TenantCreatedData>,
    @InboxTransaction() manager: EntityManager,
  ): Promise<void> {
    const tenant = envelope.data;
    await insertPolicy(
      manager,
      {
        tenantId: tenant.tenantId,
        partnerId: tenant.partnerId,
        window: defaultUpdateWindow(tenant.countryCode),
      },
      new Date(envelope.time),
    );
  }
}
