import { randomUUID } from 'node:crypto';
import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { InboxTransaction } from '@pac/bootstrap';
import { TenantCreated, type TenantCreatedData } from '@pac/contracts';
import type { EventEnvelope } from '@pac/messaging';
import type { EntityManager } from 'typeorm';
import { tenantOnboardedContent } from '../domain/notification';
import { NotificationEntity } from '../persistence/notification.entity';

/** A new customer: the partner's inbox says it was onboarded. */
@Controller()
export class OnTenantCreated {
  @EventPattern(TenantCreated.type)
  async handle(
    @Payload() envelope: EventEnvelope<TenantCreatedData>,
    @InboxTransaction() manager: EntityManager,
  ): Promise<void> {
    const tenant = envelope.data;
    await manager.getRepository(NotificationEntity).insert({
      id: randomUUID(),
      partnerId: tenant.partnerId,
      tenantId: tenant.tenantId,
      environmentName: null,
      type: envelope.type,
      ...tenantOnboardedContent(tenant),
      sourceEventId: envelope.id,
      createdAt: new Date(envelope.time),
      readAt: null,
    });
  }
}
