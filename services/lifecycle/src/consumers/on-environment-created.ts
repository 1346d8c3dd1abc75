import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { InboxTransaction } from '@pac/bootstrap';
import { Clock } from '@pac/clock';
import { EnvironmentCreated, type EnvironmentCreatedData } from '@pac/contracts';
import { Outbox, type EventEnvelope } from '@pac/messaging';
import { LessThanOrEqual, type EntityManager } from 'typeorm';
import { defaultUpdateWindow } from '../domain/update-window';
import { offerRelease } from '../jobs/distribute-releases/offer-release';
import { holdReleaseOfferBarrier } from '../persistence/release-offer-barrier';
import { ReleaseEntity } from '../persistence/release.entity';
import { UpdateWindowPolicyEntity } from '../persistence/update-window-policy.entity';
import { applyEnvironmentSnapshot } from './environment-projection';

/**
 * A new environment: it gets its tenant's update window policy (recorded from tenant.created; the country's
 * default if none), and every release already available that is meant for it.
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
    const { data } = envelope;
    // Before anything is read: a release being distributed now waits for this environment to commit.
    await holdReleaseOfferBarrier(manager);
    const policy = await manager
      .getRepository(UpdateWindowPolicyEntity)
      .findOneBy({ tenantId: data.tenantId });
    const window = policy
      ? {
          preferredStartTime: policy.preferredStartTime,
          preferredEndTime: policy.preferredEndTime,
          timeZone: policy.timeZone,
        }
      : defaultUpdateWindow(data.environment.countryCode);
    const environment = await applyEnvironmentSnapshot(manager, data, window);
    if (!environment || environment.status === 'soft-deleted') return;
    const now = this.clock.now();
    const releases = await manager.getRepository(ReleaseEntity).find({
      where: { availableFrom: LessThanOrEqual(now) },
      order: { versionKey: 'ASC' },
    });
    for (const release of releases) {
      await offerRelease(
        manager,
        this.outbox,
        release.terms(),
        [
          {
            tenantId: environment.tenantId,
            name: environment.name,
            partnerId: environment.partnerId,
            type: environment.type,
            applicationVersion: environment.applicationVersion,
            extensions: environment.extensions,
            window: environment.window(),
          },
        ],
        now,
      );
    }
  }
}
