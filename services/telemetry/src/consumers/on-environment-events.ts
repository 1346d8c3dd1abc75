import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { InboxTransaction } from '@pac/bootstrap';
import {
  EnvironmentPurged,
  EnvironmentRenamed,
  type EnvironmentEventData,
  type EnvironmentRenamedData,
} from '@pac/contracts';
import type { EventEnvelope } from '@pac/messaging';
import type { EntityManager } from 'typeorm';
import { recordLifecycleRow } from '../application/lifecycle-rows';
import { ENVIRONMENT_EVENT_RECORDS } from '../domain/lifecycle-telemetry';
import { removeEnvironment, renameEnvironment, saveEnvironment } from '../persistence/environments';

/**
 * The environment events: this service's copy of the environments (ingestion keys are for existing
 * environments; a rename takes their keys along, a purge revokes them; the gateway's cached keys follow within
 * TELEMETRY_KEY_CACHE_TTL_MS), and each event as a lifecycle row of the environment.
 */
@Controller()
export class OnEnvironmentEvents {
  @EventPattern(Object.keys(ENVIRONMENT_EVENT_RECORDS))
  async handle(
    @Payload() envelope: EventEnvelope<EnvironmentEventData>,
    @InboxTransaction() manager: EntityManager,
  ): Promise<void> {
    const { data } = envelope;
    if (envelope.type === EnvironmentRenamed.type) {
      const { previousName } = data as EnvironmentRenamedData;
      await renameEnvironment(manager, data.tenantId, previousName, data.environment.name);
    }
    if (envelope.type === EnvironmentPurged.type)
      await removeEnvironment(manager, data.tenantId, data.environment.name, new Date(envelope.time));
    else await saveEnvironment(manager, data);
    await recordLifecycleRow(
      manager,
      {
        tenantId: data.tenantId,
        partnerId: data.partnerId,
        environmentName: data.environment.name,
        timestamp: envelope.time,
      },
      ENVIRONMENT_EVENT_RECORDS[envelope.type]!(data),
    );
  }
}
