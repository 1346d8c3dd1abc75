import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { InboxTransaction } from '@pac/bootstrap';
import { Clock } from '@pac/clock';
import { EnvironmentCreated, type EnvironmentCreatedData } from '@pac/contracts';
import { Outbox, type EventEnvelope } from '@pac/messaging';
import type { EntityManager } from 'typeorm';
import { learnEnvironment } from '../application/learn-environment';

/**
 * A new environment: it gets its tenant's update window policy (recorded from tenant.created; the country's
 * default if none), unless a request already made it known here (its window is kept), and every release
 * already available that is meant for it.
 */
@Controller()
export class OnEnvironmentCreated {
  constructor(
    private readonly outbox: Outbox,
    private readonly clock: Clock,
  ) {}

  @EventPattern(EnvironmentCreated.type)
  async handle(
    @Payload() envelope: EventEnvelope<EnvironmentCreatedData>,
    @InboxTransaction() manager: EntityManager,
  ): Promise<void> {
    await learnEnvironment(manager, this.outbox, envelope.data, this.clock.now(), {
      offerable: (environment) => environment.status !== 'soft-deleted',
    });
  }
}
