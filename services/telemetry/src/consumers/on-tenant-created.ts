import { randomUUID } from 'node:crypto';
import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { InboxTransaction } from '@pac/bootstrap';
import { TenantCreated, type TenantCreatedData } from '@pac/contracts';
import type { EventEnvelope } from '@pac/messaging';
import type { EntityManager } from 'typeorm';
import { tenantOnboardedRecord } from '../domain/lifecycle-telemetry';
import { insertTelemetryRow } from '../persistence/telemetry-rows';

/** A new customer: its telemetry starts with the onboarding, a lifecycle row. */
@Controller()
export class OnTenantCreated {
  @EventPattern(TenantCreated.type)
  async handle(
    @Payload() envelope: EventEnvelope<TenantCreatedData>,
    @InboxTransaction() manager: EntityManager,
  ): Promise<void> {
    await insertTelemetryRow(manager, {
      id: randomUUID(),
      partnerId: envelope.data.partnerId,
      tenantId: envelope.data.tenantId,
      environmentName: null,
      timestamp: envelope.time,
      ...tenantOnboardedRecord(envelope.data),
    });
  }
}
