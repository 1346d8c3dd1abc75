import type { EnvironmentEventData } from '@pac/contracts';
import type { Outbox } from '@pac/messaging';
import type { EntityManager } from 'typeorm';
import type { Environment } from '../domain/environment';
import { defaultUpdateWindow } from '../domain/update-window';
import { applyEnvironmentSnapshot } from '../persistence/environments';
import { holdReleaseOfferBarrier } from '../persistence/release-offer-barrier';
import { releasesAvailableBy } from '../persistence/releases';
import { findPolicy } from '../persistence/update-window-policies';
import { offerRelease } from './offer-release';

/**
 * The lifecycle service learns an environment, from environment.created or, earlier, from the tenant
 * service's own answer relayed by the gateway when a request names an environment not known here yet
 * (docs/lifecycle.md, consistency). It gets its tenant's window policy (the country's default if none yet)
 * only if it is new: a window already set is kept. An environment `offerable` (the event; a relayed one that
 * is active) is offered every release already available that is meant for it. Both paths are idempotent, and
 * a snapshot's `occurredAt` decides which one wins (the newest).
 */
export async function learnEnvironment(
  manager: EntityManager,
  outbox: Outbox,
  data: EnvironmentEventData,
  now: Date,
  options: { offerable: (environment: Environment) => boolean },
): Promise<Environment | null> {
  // Before anything is read: a release being distributed now waits for this environment to commit.
  await holdReleaseOfferBarrier(manager);
  const policy = await findPolicy(manager, data.tenantId);
  const window = policy?.window ?? defaultUpdateWindow(data.environment.countryCode);
  const environment = await applyEnvironmentSnapshot(manager, data, window);
  if (!environment || !options.offerable(environment)) return environment;
  for (const release of await releasesAvailableBy(manager, now)) {
    await offerRelease(manager, outbox, release, [environment], now);
  }
  return environment;
}
