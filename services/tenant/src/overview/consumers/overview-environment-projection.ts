import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { InboxTransaction } from '@pac/bootstrap';
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
import type { EventEnvelope } from '@pac/messaging';
import type { EntityManager } from 'typeorm';
import { summarizeEnvironments, toOverviewEnvironment } from '../domain/overview-row';
import {
  environmentsOfCustomer,
  removeEnvironment,
  saveEnvironment,
  saveEnvironmentColumns,
} from '../persistence/overview-store';

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
    if (envelope.type === EnvironmentRenamed.type) {
      const previousName = (envelope.data as EnvironmentEventData & { previousName: string }).previousName;
      await removeEnvironment(manager, tenantId, previousName);
    }
    if (envelope.type === EnvironmentPurged.type)
      await removeEnvironment(manager, tenantId, environment.name);
    else await saveEnvironment(manager, tenantId, toOverviewEnvironment(environment), new Date(occurredAt));
    const summary = summarizeEnvironments(await environmentsOfCustomer(manager, tenantId));
    await saveEnvironmentColumns(manager, tenantId, summary);
  }
}
