import { Body, Controller, Param, Patch } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import { CallerContext, ProblemException, TenantDirectory, TenantIdParam } from '@pac/bootstrap';
import { ScheduleUpdateRequest, type UpdateResponse } from '@pac/http-contracts';
import { ScheduleUpdateHandler, type ScheduleUpdateError } from './schedule-update.handler';

@Controller('tenants/:tenantId/environments/:name/updates')
export class ScheduleUpdateHttp {
  constructor(
    private readonly handler: ScheduleUpdateHandler,
    private readonly directory: TenantDirectory,
  ) {}

  @Patch(':targetVersion')
  async schedule(
    @CallerContext() caller: Caller,
    @Param('tenantId', TenantIdParam) tenantId: string,
    @Param('name') name: string,
    @Param('targetVersion') targetVersion: string,
    @Body() body: ScheduleUpdateRequest,
  ): Promise<UpdateResponse> {
    await this.directory.assertVisible(caller, tenantId);
    const result = await this.handler.execute(caller, tenantId, name, targetVersion, body);
    if (result.ok) return result.update;
    throw problemOf(result.error);
  }
}

/** 400 for a bad field, 404 for what does not exist, 409 for the rest (api.md). */
export function problemOf(error: ScheduleUpdateError): ProblemException {
  if ('field' in error) return ProblemException.validation([{ field: error.field, message: error.message }]);
  if (error.code === 'environment-not-found' || error.code === 'update-not-found')
    return ProblemException.notFound(error.message);
  return ProblemException.conflict(error.message, { code: error.code });
}
