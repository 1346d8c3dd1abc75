import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { InboxTransaction } from '@pac/bootstrap';
import { EnvironmentRecovered, type EnvironmentRecoveredData } from '@pac/contracts';
import type { EventEnvelope } from '@pac/messaging';
import type { EntityManager } from 'typeorm';
import { applyEnvironmentSnapshot } from '../persistence/environments';

@Controller()
export class OnEnvironmentRecovered {
  @EventPattern(EnvironmentRecovered.type)
  async handle(
    @Payload() envelope: EventEnvelope<EnvironmentRecoveredData>,
    @InboxTransaction() manager: EntityManager,
  ): Promise<void> {
    await applyEnvironmentSnapshot(manager, envelope.data);
  }
}
