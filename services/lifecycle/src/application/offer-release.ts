import { randomUUID } from 'node:crypto';
import {
  UpdateAvailable,
  UpdateCompatibilityWarning,
  type BlockingExtensionData,
  type EnvironmentType,
} from '@pac/contracts';
import type { Outbox } from '@pac/messaging';
import type { EntityManager } from 'typeorm';
import { blockingExtensions, type InstalledExtension } from '../../domain/compatibility';
import { automaticRun, eligibility, type PlannedRun, type ReleaseTerms } from '../../domain/update-schedule';
import type { UpdateWindow } from '../../domain/update-window';
import { versionKey } from '../../domain/version';
import { anyEvent, updateEventData, type UpdateRow } from '../../update-event';

/** An environment as the offer needs it (a row of the environments projection). */
export interface OfferedEnvironment {
  tenantId: string;
  name: string;
  partnerId: string;
  type: EnvironmentType;
  applicationVersion: string;
  extensions: InstalledExtension[];
  window: UpdateWindow;
}

/**
 * Offers a release to environments, set-based: for each eligible one, an update scheduled automatically for
 * its deadline day's window, pre-checked against its installed extensions; then `update.available` for each
 * and `update.compatibility-warning` for each incompatible one, in the same transaction. An environment that
 * already has the update is left alone (ON CONFLICT DO NOTHING), so the release job and the consumer of
 * environment.created can both offer without duplicates. Returns how many updates were created.
 */
export async function offerRelease(
  manager: EntityManager,
  outbox: Outbox,
  release: ReleaseTerms,
  environments: readonly OfferedEnvironment[],
  now: Date,
): Promise<number> {
  const runs = new Map<string, PlannedRun>();
  const runOf = (window: UpdateWindow): PlannedRun => {
    const key = `${window.preferredStartTime}|${window.preferredEndTime}|${window.timeZone}`;
    let run = runs.get(key);
    if (!run) runs.set(key, (run = automaticRun(release, window, now)));
    return run;
  };
  const offers = environments
    .filter((environment) => eligibility(release, environment).ok)
    .map((environment) => ({
      environment,
      id: randomUUID(),
      operationId: randomUUID(),
      run: runOf(environment.window),
      blocking: blockingExtensions(environment.extensions, release.version).map(asBlocking),
    }));
  if (offers.length === 0) return 0;

  const inserted: { id: string }[] = await manager.query(
    `INSERT INTO updates (id, tenant_id, environment_name, partner_id, target_version, version_key, status,
                          operation_id, selected, ignore_update_window, scheduled_for, window_closes_at,
                          blocking_extensions, available_at, updated_at)
     SELECT id, tenant_id, environment_name, partner_id, $1, $2, 'scheduled', operation_id, false, false,
            scheduled_for, window_closes_at, blocking_extensions, $3, $3
       FROM jsonb_to_recordset($4::jsonb) AS o (id uuid, tenant_id uuid, environment_name text, partner_id uuid,
            operation_id uuid, scheduled_for timestamptz, window_closes_at timestamptz, blocking_extensions jsonb)
     ON CONFLICT (tenant_id, environment_name, target_version) DO NOTHING
     RETURNING id`,
    [
      release.version,
      versionKey(release.version),
      now,
      JSON.stringify(
        offers.map((o) => ({
          id: o.id,
          tenant_id: o.environment.tenantId,
          environment_name: o.environment.name,
          partner_id: o.environment.partnerId,
          operation_id: o.operationId,
          scheduled_for: o.run.scheduledFor,
          window_closes_at: o.run.windowClosesAt,
          blocking_extensions: o.blocking,
        })),
      ),
    ],
  );
  const created = new Set(inserted.map((row) => row.id));
  const events = [];
  for (const offer of offers) {
    if (!created.has(offer.id)) continue;
    const { environment } = offer;
    const row: UpdateRow = {
      id: offer.id,
      operationId: offer.operationId,
      tenantId: environment.tenantId,
      partnerId: environment.partnerId,
      environmentName: environment.name,
      targetVersion: release.version,
      status: 'scheduled',
      selected: false,
      selectedDateTime: null,
      ignoreUpdateWindow: false,
      scheduledFor: offer.run.scheduledFor,
      windowClosesAt: offer.run.windowClosesAt,
    };
    const base = updateEventData(
      row,
      { ...environment, timeZone: environment.window.timeZone },
      release,
      now,
    );
    const address = { tenantId: environment.tenantId, environmentName: environment.name };
    events.push(
      anyEvent({
        definition: UpdateAvailable,
        ...address,
        data: {
          ...base,
          compatibility: { compatible: offer.blocking.length === 0, blockingExtensions: offer.blocking },
        },
      }),
    );
    if (offer.blocking.length > 0) {
      events.push(
        anyEvent({
          definition: UpdateCompatibilityWarning,
          ...address,
          data: { ...base, blockingExtensions: offer.blocking },
        }),
      );
    }
  }
  await outbox.addMany(manager, events, { validate: 'first' });
  return created.size;
}

/** An installed extension as events name it (the projection's copy may carry more). */
export function asBlocking(extension: InstalledExtension): BlockingExtensionData {
  return {
    extensionId: extension.extensionId,
    publisher: extension.publisher,
    name: extension.name,
    version: extension.version,
    minVersion: extension.minVersion,
    ...(extension.maxVersion ? { maxVersion: extension.maxVersion } : {}),
  };
}
