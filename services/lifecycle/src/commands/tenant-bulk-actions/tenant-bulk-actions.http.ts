import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import { CallerContext, ProblemException, TenantDirectory, TenantIdParam } from '@pac/bootstrap';
import {
  refusedItem,
  TenantUpdateSchedule,
  TenantUpdateWindowChange,
  type BulkItemOutcome,
  type BulkTenantAnswer,
} from '@pac/http-contracts';
import { DataSource, Not } from 'typeorm';
import { eligibility } from '../../domain/update-schedule';
import { EnvironmentViewEntity } from '../../persistence/environment-view.entity';
import { ReleaseEntity } from '../../persistence/release.entity';
import { problemOf } from '../schedule-update/schedule-update.http';
import { ScheduleUpdateHandler } from '../schedule-update/schedule-update.handler';
import { SetUpdateWindowHandler } from '../set-update-window/set-update-window.handler';

/**
 * The lifecycle service's part of the bulk actions `POST /v1/bulk/update-window` and `/v1/bulk/schedule-update`,
 * for one tenant (the gateway runs it for each): the action on every environment of the tenant (or of
 * `environmentType`; soft-deleted ones left out), in name order, each as PUT .../update-window or PATCH
 * .../updates/{targetVersion} would do it, with one result per environment. A tenant without such an
 * environment is one `skipped` result.
 */
@Controller('tenants/:tenantId/bulk')
export class TenantBulkActionsHttp {
  constructor(
    private readonly dataSource: DataSource,
    private readonly directory: TenantDirectory,
    private readonly setWindow: SetUpdateWindowHandler,
    private readonly schedule: ScheduleUpdateHandler,
  ) {}

  @Post('update-window')
  @HttpCode(200)
  async updateWindow(
    @CallerContext() caller: Caller,
    @Param('tenantId', TenantIdParam) tenantId: string,
    @Body() body: TenantUpdateWindowChange,
  ): Promise<BulkTenantAnswer> {
    const window = {
      preferredStartTime: body.preferredStartTime,
      preferredEndTime: body.preferredEndTime,
      timeZone: body.timeZone,
    };
    return this.forEachEnvironment(caller, tenantId, body.environmentType, async ({ name }) => {
      const result = await this.setWindow.execute(caller, tenantId, name, window);
      if (result.ok) return { environmentName: name, status: 'succeeded' };
      const refusal =
        result.error.code === 'invalid'
          ? ProblemException.validation(result.error.problems)
          : ProblemException.notFound('no such environment');
      return refusedItem(refusal.problem, name);
    });
  }

  /**
   * An environment the version is not for (not newer than its version, a preview on production) is `skipped`
   * with the rule's code; the others are scheduled, or refused with the reason (past the latest selectable
   * date, ...).
   */
  @Post('schedule-update')
  @HttpCode(200)
  async scheduleUpdate(
    @CallerContext() caller: Caller,
    @Param('tenantId', TenantIdParam) tenantId: string,
    @Body() body: TenantUpdateSchedule,
  ): Promise<BulkTenantAnswer> {
    const release = await this.dataSource
      .getRepository(ReleaseEntity)
      .findOneBy({ version: body.targetVersion });
    const request = {
      selected: true,
      ...(body.selectedDateTime !== undefined ? { selectedDateTime: body.selectedDateTime } : {}),
      ...(body.ignoreUpdateWindow !== undefined ? { ignoreUpdateWindow: body.ignoreUpdateWindow } : {}),
    };
    return this.forEachEnvironment(caller, tenantId, body.environmentType, async (environment) => {
      const name = environment.name;
      // Without the release, the handler's own answer (no such update) says it for each environment.
      const eligible = release ? eligibility(release, environment) : { ok: true as const };
      if (!eligible.ok) return { environmentName: name, status: 'skipped', code: eligible.error.code };
      const result = await this.schedule.execute(caller, tenantId, name, body.targetVersion, request);
      if (result.ok) return { environmentName: name, status: 'succeeded' };
      return refusedItem(problemOf(result.error).problem, name);
    });
  }

  /** One environment after the other (a tenant has a handful), each in its own transaction. */
  private async forEachEnvironment(
    caller: Caller,
    tenantId: string,
    type: EnvironmentViewEntity['type'] | undefined,
    act: (environment: EnvironmentViewEntity) => Promise<BulkItemOutcome>,
  ): Promise<BulkTenantAnswer> {
    await this.directory.assertVisible(caller, tenantId);
    // As GET /tenants/{id}/update-windows lists them: the caller's partner's, soft-deleted ones left out.
    const environments = await this.dataSource.getRepository(EnvironmentViewEntity).find({
      where: {
        tenantId,
        partnerId: caller.partnerId,
        status: Not('soft-deleted'),
        ...(type ? { type } : {}),
      },
      order: { name: 'ASC' },
    });
    if (environments.length === 0) return { results: [{ status: 'skipped' }] };
    const results: BulkItemOutcome[] = [];
    for (const environment of environments) results.push(await act(environment));
    return { results };
  }
}
