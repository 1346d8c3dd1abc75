import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import type { AnswerableError } from '@pac/bootstrap';
import { Clock } from '@pac/clock';
import { accept, reject, type Decision } from '@pac/domain';
import type { ScheduleUpdateRequest, UpdateResponse } from '@pac/http-contracts';
import { Outbox } from '@pac/messaging';
import { inTransaction } from '@pac/persistence';
import { DataSource, type EntityManager } from 'typeorm';
import { offerRelease } from '../../application/offer-release';
import { updateResponse } from '../../application/responses';
import { saveAndAnnounce } from '../../application/update-events';
import type { Environment } from '../../domain/environment';
import { ENVIRONMENT_NOT_FOUND, updateNotFound } from '../../domain/not-found';
import type { Release } from '../../domain/release';
import { decideSchedule, yieldSelection, type Update, type UpdateChange } from '../../domain/update';
import { eligibility } from '../../domain/update-schedule';
import { findVisibleEnvironment } from '../../persistence/environments';
import { findRelease, releaseTermsByVersion } from '../../persistence/releases';
import { lockedUpdate, lockedUpdates } from '../../persistence/updates';

/**
 * PATCH .../updates/{targetVersion}: selects a version and when it runs (or unselects it), as decideSchedule
 * decides, also a planned version not available yet (its run on or after availableFrom). One version is selected per environment: selecting one puts a previously selected one back on its
 * automatic time. A failed or canceled update scheduled again is a new run (a new operation).
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
  ): Promise<Decision<UpdateResponse, AnswerableError>> {
    const now = this.clock.now();
    return inTransaction(
      this.dataSource,
      async (manager): Promise<Decision<UpdateResponse, AnswerableError>> => {
        const environment = await findVisibleEnvironment(manager, caller, tenantId, name, { lock: true });
        if (!environment) return reject(ENVIRONMENT_NOT_FOUND);
        const release = await findRelease(manager, targetVersion);
        // A planned version (availableFrom to come) may be chosen: it runs on or after availableFrom.
        if (!release) return reject(updateNotFound(`no release ${targetVersion} is published`));
        const update = await this.updateOf(manager, environment, release, now);
        if (!update.ok) return update;
        const decision = decideSchedule(
          update.value,
          {
            selected: request.selected,
            ...(request.selectedDateTime ? { selectedDateTime: new Date(request.selectedDateTime) } : {}),
            ignoreUpdateWindow: request.ignoreUpdateWindow ?? false,
          },
          { release, environment, scheduledBy: caller.subject, newOperationId: randomUUID() },
          now,
        );
        if (!decision.ok) return decision;
        const others = request.selected
          ? await this.unselectOthers(manager, environment, update.value, now)
          : [];
        await saveAndAnnounce(manager, this.outbox, [...others, decision.value], () => environment, now);
        return accept(updateResponse(decision.value.update, environment, release, now));
      },
    );
  }

  /**
   * The environment's update to this release, locked (the decision is taken on a state the scheduler cannot
   * change until this commits); offered now if the release job has not reached the environment yet.
   */
  private async updateOf(
    manager: EntityManager,
    environment: Environment,
    release: Release,
    now: Date,
  ): Promise<Decision<Update, AnswerableError>> {
    const key = {
      tenantId: environment.tenantId,
      environmentName: environment.name,
      targetVersion: release.version,
    };
    const found = await lockedUpdate(manager, key);
    if (found) return accept(found);
    const eligible = eligibility(release, environment);
    if (!eligible.ok) return eligible;
    await offerRelease(manager, this.outbox, release, [environment], now);
    const offered = await lockedUpdate(manager, key);
    return offered ? accept(offered) : reject(updateNotFound(`no update to ${release.version}`));
  }

  /** One selected version per environment: the others go back to their automatic time (yieldSelection). */
  private async unselectOthers(
    manager: EntityManager,
    environment: Environment,
    selected: Update,
    now: Date,
  ): Promise<UpdateChange[]> {
    const others = (
      await lockedUpdates(manager, {
        tenantId: environment.tenantId,
        environmentName: environment.name,
        selected: true,
      })
    ).filter((other) => other.id !== selected.id);
    const terms = await releaseTermsByVersion(
      manager,
      others.map((other) => other.targetVersion),
    );
    return others
      .map((other) => yieldSelection(other, terms.get(other.targetVersion)!, environment.window, now))
      .filter((change): change is UpdateChange => change !== undefined);
  }
}
