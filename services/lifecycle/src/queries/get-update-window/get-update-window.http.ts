import { Controller, Get, Param } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import { CallerContext, problemFor, TenantDirectory, TenantIdParam } from '@pac/bootstrap';
import { Clock } from '@pac/clock';
import type { UpdateWindowResponse } from '@pac/http-contracts';
import { DataSource } from 'typeorm';
import { updateWindowResponse } from '../../application/responses';
import { ENVIRONMENT_NOT_FOUND } from '../../domain/not-found';
import { findVisibleEnvironment } from '../../persistence/environments';

@Controller('tenants/:tenantId/environments/:name/update-window')
export class GetUpdateWindowHttp {
  constructor(
    private readonly dataSource: DataSource,
    private readonly directory: TenantDirectory,
    private readonly clock: Clock,
  ) {}

  @Get()
  async get(
    @CallerContext() caller: Caller,
    @Param('tenantId', TenantIdParam) tenantId: string,
    @Param('name') name: string,
  ): Promise<UpdateWindowResponse> {
    await this.directory.assertVisible(caller, tenantId);
    const environment = await findVisibleEnvironment(this.dataSource.manager, caller, tenantId, name);
    if (!environment) throw problemFor(ENVIRONMENT_NOT_FOUND);
    return updateWindowResponse(environment, this.clock.now());
  }
}
