import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { InboxTransaction } from '@pac/bootstrap';
import { TenantCreated, type TenantCreatedData } from '@pac/contracts';
import type { EventEnvelope } from '@pac/messaging';
import type { EntityManager } from 'typeorm';
import { recordLifecycleRow } from '../application/lifecycle-rows';
import { tenantOnboardedRecord } from '../domain/lifecycle-telemetry';

/** A new customer: its telemetry starts with the onboarding, a lifecycle row. */
@Controller()
export class OnTenantCreated {
  @EventPattern(TenantCreated.type)
  async handle(
    @Payload() envelope: EventEnvelope<TenantCreatedData>,
    @InboxTransaction() manager: EntityManager,
  ): Promise<void> {
    const { data } = envelope;
    await recordLifecycleRow(
      manager,
      { tenantId: data.tenantId, partnerId: data.partnerId, environmentName: null, timestamp: envelope.time },
      tenantOnboardedRecord(data),
    );
  }
}
