import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EventHandler } from '@pac/bootstrap';
import { TenantCreated, type TenantCreatedData } from '@pac/contracts';
import type { EventEnvelope } from '@pac/messaging';
import type { EntityManager } from 'typeorm';
import { tenantOnboardedRecord } from '../domain/lifecycle-telemetry';
import { insertTelemetryRow } from '../persistence/telemetry-rows';

/** A new customer: its telemetry starts with the onboarding, a lifecycle row. */
@Injectable()
export class OnTenantCreated implements EventHandler<TenantCreatedData> {
  readonly event = TenantCreated;

  async handle(envelope: EventEnvelope<TenantCreatedData>, manager: EntityManager): Promise<void> {
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
