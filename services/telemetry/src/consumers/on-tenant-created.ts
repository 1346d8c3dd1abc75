import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EventHandler } from '@pac/bootstrap';
import { TenantCreated, type TenantCreatedData } from '@pac/contracts';
import type { EventEnvelope } from '@pac/messaging';
import type { EntityManager } from 'typeorm';
import { tenantOnboardedRecord } from '../domain/lifecycle-telemetry';
import { TelemetryRowEntity } from '../persistence/telemetry-row.entity';

/** A new customer: its telemetry starts with the onboarding, a lifecycle row. */
@Injectable()
export class OnTenantCreated implements EventHandler<TenantCreatedData> {
  readonly event = TenantCreated;

  async handle(envelope: EventEnvelope<TenantCreatedData>, manager: EntityManager): Promise<void> {
    await manager.getRepository(TelemetryRowEntity).insert({
      id: randomUUID(),
      partnerId: envelope.data.partnerId,
      tenantId: envelope.data.tenantId,
      environmentName: null,
      timestamp: new Date(envelope.time),
      ...tenantOnboardedRecord(envelope.data),
    });
  }
}
