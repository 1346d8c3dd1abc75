import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { InboxTransaction } from '@pac/bootstrap';
import { EnvironmentRecovered, type EnvironmentRecoveredData } from '@pac/contracts';
import type { EventEnvelope } from '@pac/messaging';
import type { EntityManager } from 'typeorm';
import { recordLifecycleRow } from '../application/lifecycle-rows';
import { environmentRecoveredRecord } from '../domain/lifecycle-telemetry';
import { saveEnvironment } from '../persistence/environments';

/** A recovery: the environment takes keys again. */
@Controller()
export class OnEnvironmentRecovered {
  @EventPattern(EnvironmentRecovered.type)
  async handle(
    @Payload() envelope: EventEnvelope<EnvironmentRecoveredData>,
    @InboxTransaction() manager: EntityManager,
  ): Promise<void> {
    const { data } = envelope;
    await saveEnvironment(manager, data);
    await recordLifecycleRow(
      manager,
      {
        tenantId: data.tenantId,
        partnerId: data.partnerId,
        environmentName: data.environment.name,
        timestamp: envelope.time,
      },
      environmentRecoveredRecord(data),
    );
  }
}
