import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { InboxTransaction } from '@pac/bootstrap';
import { TenantCreated, type TenantCreatedData } from '@pac/contracts';
import type { EventEnvelope } from '@pac/messaging';
import type { EntityManager } from 'typeorm';
import { defaultSandboxQuota } from '../domain/sandbox-quota';
import { insertQuota } from '../persistence/sandbox-quotas';

/** A new customer gets the default sandbox quota. */
@Controller()
export class OnTenantCreated {
  @EventPattern(TenantCreated.type)
  async handle(
    @Payload() envelope: EventEnvelope<TenantCreatedData>,
    @InboxTransaction() manager: EntityManager,
  ): Promise<void> {
    await insertQuota(manager, defaultSandboxQuota(envelope.data), new Date(envelope.time));
  }
}
