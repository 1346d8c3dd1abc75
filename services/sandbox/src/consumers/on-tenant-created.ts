import { Injectable } from '@nestjs/common';
import type { EventHandler } from '@pac/bootstrap';
import { TenantCreated, type TenantCreatedData } from '@pac/contracts';
import type { EventEnvelope } from '@pac/messaging';
import type { EntityManager } from 'typeorm';
import { DEFAULT_SANDBOX_QUOTA } from '../domain/sandbox-quota';
import { SandboxQuotaEntity } from '../persistence/sandbox-quota.entity';

/** A new customer gets the default sandbox quota. */
@Injectable()
export class OnTenantCreated implements EventHandler<TenantCreatedData> {
  readonly event = TenantCreated;

  async handle(envelope: EventEnvelope<TenantCreatedData>, manager: EntityManager): Promise<void> {
    await manager.getRepository(SandboxQuotaEntity).insert({
      tenantId: envelope.data.tenantId,
      partnerId: envelope.data.partnerId,
      ...DEFAULT_SANDBOX_QUOTA,
      createdAt: new Date(envelope.time),
    });
  }
}
