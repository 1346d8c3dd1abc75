import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import { Clock } from '@pac/clock';
import { UpdateRescheduled, UpdateScheduled } from '@pac/contracts';
import type { ScheduleUpdateRequest, UpdateResponse } from '@pac/http-contracts';
import { Outbox } from '@pac/messaging';
import { inTransaction } from '@pac/persistence';
import { DataSource, type EntityManager } from 'typeorm';
import { blockingExtensions } from '../../domain/compatibility';
import {
  automaticRun,
  decideSchedule,
  eligibility,
  type SchedulingError,
} from '../../domain/update-schedule';
import { findEnvironment } from '../../environment-lookup';
import { asBlocking, offerRelease } from '../../jobs/distribute-releases/offer-release';
import type { EnvironmentViewEntity } from '../../persistence/environment-view.entity';
import { ReleaseEntity } from '../../persistence/release.entity';
import type { UpdateEntity } from '../../persistence/update.entity';
import { changeUpdate, lockedUpdate, lockedUpdates } from '../../persistence/update-rows';
import { updateEventData } from '../../update-event';
import { updateResponse } from '../../update-response';

export type ScheduleUpdateError =
  | SchedulingError
  | { code: 'environment-not-found' | 'update-not-found'; message: string }
  | { code: 'update-running' | 'update-done'; message: string };

export type ScheduleUpdateResult =
  { ok: true; update: UpdateResponse } | { ok: false; error: ScheduleUpdateError };

/**
 * PATCH .../updates/{targetVersion}: selects a version and when it runs (or unselects it). One version is
 * selected per environment: selecting one puts a previously selected one back on its automatic time. A failed
 * or canceled update scheduled again is a new run (a new operation).
 */
@Injectable()
export class ScheduleUpdateHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
  ) {}

  execute(
    caller: Caller,
    tenantId: string,
    name: string,
    targetVersion: string,
    request: ScheduleUpdateRequest,
  ): Promise<ScheduleUpdateResult> {
    const now = this.clock.now();
    return inTransaction(this.dataSource, async (manager): Promise<ScheduleUpdateResult> => {
      const environment = await findEnvironment(manager, caller, tenantId, name, true);
      if (!environment)
        return { ok: false, error: { code: 'environment-not-found', message: 'no such environment' } };
      const release = await manager.getRepository(ReleaseEntity).findOneBy({ version: targetVersion });
      if (!release || release.availableFrom > now) {
        return {
          ok: false,
          error: { code: 'update-not-found', message: `no release ${targetVersion} is available` },
        };
      }
      const update = await this.updateOf(manager, environment, release, now);
      if (!update.ok) return update;
      const found = update.value;
      if (found.status === 'running')
        return {
          ok: false,
          error: { code: 'update-running', message: `the update to ${targetVersion} is running` },
        };
      if (found.status === 'succeeded' || found.status === 'skipped') {
        return {
          ok: false,
          error: {
            code: 'update-done',
            message: `the environment is already on ${environment.applicationVersion}, not older than ${targetVersion}`,
          },
        };
      }
      if (!request.selected) await this.unselect(manager, environment, found, release, now);
      else {
        const decision = decideSchedule(
          {
            ...(request.selectedDateTime ? { selectedDateTime: new Date(request.selectedDateTime) } : {}),
            ignoreUpdateWindow: request.ignoreUpdateWindow ?? false,
          },
          release.terms(),
          environment.facts(),
          now,
        );
        if (!decision.ok) return decision;
        const previous = found.status === 'scheduled' && found.selected ? found.scheduledFor : undefined;
        await changeUpdate(manager, found, {
          status: 'scheduled',
          operationId: found.status === 'scheduled' ? found.operationId : randomUUID(),
          selected: true,
          selectedDateTime: request.selectedDateTime ? new Date(request.selectedDateTime) : null,
          ignoreUpdateWindow: request.ignoreUpdateWindow ?? false,
          scheduledFor: decision.value.scheduledFor,
          windowClosesAt: decision.value.windowClosesAt,
          blockingExtensions: blockingExtensions(environment.extensions, targetVersion).map(asBlocking),
          failureReason: null,
          startedAt: null,
          completedAt: null,
          updatedAt: now,
        });
        await this.unselectOthers(manager, environment, found, now);
        const data = updateEventData(found, environment, release.terms(), now);
        if (previous) {
          await this.outbox.add(manager, {
            definition: UpdateRescheduled,
            tenantId,
            environmentName: name,
            data: { ...data, previousScheduledFor: previous.toISOString(), reason: 'partner' },
          });
        } else {
          await this.outbox.add(manager, {
            definition: UpdateScheduled,
            tenantId,
            environmentName: name,
            data: { ...data, scheduledBy: caller.subject },
          });
        }
      }
      return { ok: true, update: updateResponse(found, environment, release.terms()) };
    });
  }

  /** The environment's update to this release; offered now if the release job has not reached it yet. */
  private async updateOf(
    manager: EntityManager,
    environment: EnvironmentViewEntity,
    release: ReleaseEntity,
    now: Date,
  ): Promise<{ ok: true; value: UpdateEntity } | { ok: false; error: ScheduleUpdateError }> {
    const key = {
      tenantId: environment.tenantId,
      environmentName: environment.name,
      targetVersion: release.version,
    };
    // Locked: the decision below is taken on the state the scheduler cannot change until this commits.
    let update = await lockedUpdate(manager, key);
    if (!update) {
      const eligible = eligibility(release, environment);
      if (!eligible.ok) return eligible;
      await offerRelease(
        manager,
        this.outbox,
        release.terms(),
        [{ ...environment, window: environment.window() }],
        now,
      );
      update = await lockedUpdate(manager, key);
    }
    if (!update)
      return { ok: false, error: { code: 'update-not-found', message: `no update to ${release.version}` } };
    return { ok: true, value: update };
  }

  /** Unselected, back to its automatic time, by the partner's PATCH `{ selected: false }`. */
  private async unselect(
    manager: EntityManager,
    environment: EnvironmentViewEntity,
    update: UpdateEntity,
    release: ReleaseEntity,
    now: Date,
  ): Promise<void> {
    if (!update.selected) return;
    await this.backToAutomaticRun(manager, environment, update, release, now, 'partner');
  }

  /** One selected version per environment: the others go back to their automatic time. */
  private async unselectOthers(
    manager: EntityManager,
    environment: EnvironmentViewEntity,
    selected: UpdateEntity,
    now: Date,
  ): Promise<void> {
    const others = await lockedUpdates(manager, {
      tenantId: environment.tenantId,
      environmentName: environment.name,
      selected: true,
    });
    for (const other of others) {
      if (other.id === selected.id || other.status === 'running') continue;
      const release = await manager
        .getRepository(ReleaseEntity)
        .findOneByOrFail({ version: other.targetVersion });
      await this.backToAutomaticRun(manager, environment, other, release, now, 'selection-changed');
    }
  }

  /**
   * Unselected; when it was scheduled, back to the automatic time (the deadline day's window), which
   * update.rescheduled announces.
   */
  private async backToAutomaticRun(
    manager: EntityManager,
    environment: EnvironmentViewEntity,
    update: UpdateEntity,
    release: ReleaseEntity,
    now: Date,
    reason: 'partner' | 'selection-changed',
  ): Promise<void> {
    const previous = update.scheduledFor;
    const run =
      update.status === 'scheduled' ? automaticRun(release.terms(), environment.window(), now) : null;
    await changeUpdate(manager, update, {
      selected: false,
      selectedDateTime: null,
      ignoreUpdateWindow: false,
      updatedAt: now,
      ...(run ? { scheduledFor: run.scheduledFor, windowClosesAt: run.windowClosesAt } : {}),
    });
    if (update.status !== 'scheduled') return;
    await this.outbox.add(manager, {
      definition: UpdateRescheduled,
      tenantId: update.tenantId,
      environmentName: update.environmentName,
      data: {
        ...updateEventData(update, environment, release.terms(), now),
        previousScheduledFor: previous?.toISOString() ?? null,
        reason,
      },
    });
  }
}
