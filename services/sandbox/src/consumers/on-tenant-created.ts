import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { InboxTransaction } from '@pac/bootstrap';
import { TenantCreated, type TenantCreatedData } from '@pac/contracts';
import type { EventEnvelope } from '@pac/messaging';
import type { EntityManager } from 'typeorm';
import { DEFAULT_SANDBOX_QUOTA } from '../domain/sandbox-quota';
import { SandboxQuotaEntity } from '../persistence/sandbox-quota.entity';

/** A new customer gets the default sandbox quota. */
@Controller()
export class OnTenantCreated {
  @EventPattern(TenantCreated.type)
  async handle(
    @Payload() envelope: EventEnvelope<TenantCreatedData>,
    @InboxTransaction() manager: EntityManager,
  ): Promise<void> {
    await manager.getRepository(SandboxQuotaEntity).insert({
      tenantId: envelope.data.tenantId,
      partnerId: envelope.data.partnerId,
      ...DEFAULT_SANDBOX_QUOTA,
      createdAt: new Date(envelope.time),
    });
  }
}
