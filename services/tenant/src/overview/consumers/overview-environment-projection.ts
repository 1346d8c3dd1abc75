import {
  EnvironmentCreated,
  EnvironmentPurged,
  EnvironmentRecovered,
  EnvironmentRenamed,
  EnvironmentSoftDeleted,
  EnvironmentVersionChanged,
  ExtensionInstalled,
  ExtensionUninstalled,
  type EnvironmentEventData,
  type EventDefinition,
} from '@pac/contracts';
import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { InboxTransaction } from '@pac/bootstrap';
import type { EventEnvelope } from '@pac/messaging';
import type { EntityManager } from 'typeorm';
import {
  summarizeEnvironments,
  toOverviewEnvironment,
  type OverviewEnvironment,
} from '../domain/overview-row';
import { OverviewEnvironmentEntity, OverviewRowEntity } from '../persistence/overview-row.entity';

const ENVIRONMENT_EVENTS: EventDefinition<EnvironmentEventData>[] = [
  EnvironmentCreated,
  EnvironmentRenamed,
  EnvironmentSoftDeleted,
  EnvironmentRecovered,
  EnvironmentPurged,
  EnvironmentVersionChanged,
  ExtensionInstalled,
  ExtensionUninstalled,
];

/** The environment columns of the central view: the customer's environments, then their counts and versions. */
@Controller()
export class OverviewEnvironmentProjection {
  @EventPattern(ENVIRONMENT_EVENTS.map((event) => event.type))
  async handle(
    @Payload() envelope: EventEnvelope<EnvironmentEventData>,
    @InboxTransaction() manager: EntityManager,
  ): Promise<void> {
    const { tenantId, environment, occurredAt } = envelope.data;
    const environments = manager.getRepository(OverviewEnvironmentEntity);
    if (envelope.type === EnvironmentRenamed.type) {
      const previousName = (envelope.data as EnvironmentEventData & { previousName: string }).previousName;
      await environments.delete({ tenantId, name: previousName });
    }
    if (envelope.type === EnvironmentPurged.type) {
      await environments.delete({ tenantId, name: environment.name });
    } else {
      await manager
        .createQueryBuilder()
        .insert()
        .into(OverviewEnvironmentEntity)
        .values({ tenantId, ...toOverviewEnvironment(environment), updatedAt: new Date(occurredAt) })
        .orUpdate(['type', 'status', 'application_version', 'updated_at'], ['tenant_id', 'name'], {
          overwriteCondition: { where: 'overview_environments.updated_at <= EXCLUDED.updated_at' },
        })
        .execute();
    }
    const all = await environments.find({ where: { tenantId } });
    const summary = summarizeEnvironments(all as OverviewEnvironment[]);
    await manager.getRepository(OverviewRowEntity).update(
      { tenantId },
      {
        productionEnvironments: summary.production,
        sandboxEnvironments: summary.sandbox,
        versions: summary.versions,
      },
    );
  }
}
