import { Injectable } from '@nestjs/common';
import type { EventHandler } from '@pac/bootstrap';
import { EnvironmentRecovered, type EnvironmentRecoveredData } from '@pac/contracts';
import type { EventEnvelope } from '@pac/messaging';
import type { EntityManager } from 'typeorm';
import { applyEnvironmentSnapshot } from '../persistence/environments';

@Injectable()
export class OnEnvironmentRecovered implements EventHandler<EnvironmentRecoveredData> {
  readonly event = EnvironmentRecovered;

  async handle(envelope: EventEnvelope<EnvironmentRecoveredData>, manager: EntityManager): Promise<void> {
    await applyEnvironmentSnapshot(manager, envelope.data);
  }
}
