import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { InboxTransaction } from '@pac/bootstrap';
import { TenantCreated, type TenantCreatedData } from '@pac/contracts';
import type { EventEnvelope } from '@pac/messaging';
import type { EntityManager } from 'typeorm';
import { defaultUpdateWindow } from '../domain/update-window';
import { UpdateWindowPolicyEntity } from '../persistence/update-window-policy.entity';

/** A new customer gets the default update window for the environments it will have. */
@Controller()
export class OnTenantCreated {
  @EventPattern(TenantCreated.type)
  async handle(
    @Payload() envelope: EventEnvelope<TenantCreatedData>,
    @InboxTransaction() manager: EntityManager,
  ): Promise<void> {
    const at = new Date(envelope.time);
    await manager.getRepository(UpdateWindowPolicyEntity).insert({
      tenantId: envelope.data.tenantId,
      partnerId: envelope.data.partnerId,
      ...defaultUpdateWindow(envelope.data.countryCode),
      createdAt: at,
      updatedAt: at,
    });
  }
}
