import { Injectable } from '@nestjs/common';
import type { EventHandler } from '@pac/bootstrap';
import { TenantCreated, type TenantCreatedData } from '@pac/contracts';
import type { EventEnvelope } from '@pac/messaging';
import type { EntityManager } from 'typeorm';
import { defaultSandboxQuota } from '../domain/sandbox-quota';
import { insertQuota } from '../persistence/sandbox-quotas';

/** A new customer gets the default sandbox quota. */
@Injectable()
export class OnTenantCreated implements EventHandler<TenantCreatedData> {
  readonly event = TenantCreated;

  async handle(envelope: EventEnvelope<TenantCreatedData>, manager: EntityManager): Promise<void> {
    await insertQuota(manager, defaultSandboxQuota(envelope.data), new Date(envelope.time));
  }
}
