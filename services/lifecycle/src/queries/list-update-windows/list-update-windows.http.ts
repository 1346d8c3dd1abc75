import { Controller, Get, Param } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import { CallerContext, TenantDirectory, TenantIdParam } from '@pac/bootstrap';
import { Clock } from '@pac/clock';
import type { EnvironmentUpdateWindowResponse, Page } from '@pac/http-contracts';
import { DataSource, Not } from 'typeorm';
import { EnvironmentViewEntity } from '../../persistence/environment-view.entity';
import { updateWindowResponse } from '../get-update-window/update-window-response';

@Controller('tenants/:tenantId/update-windows')
export class ListUpdateWindowsHttp {
  constructor(
    private readonly dataSource: DataSource,
    private readonly directory: TenantDirectory,
    private readonly clock: Clock,
  ) {}

  /** Every environment's window (and version) of a tenant, soft-deleted ones left out: what bulk actions read. */
  @Get()
  async list(
    @CallerContext() caller: Caller,
    @Param('tenantId', TenantIdParam) tenantId: string,
  ): Promise<Page<EnvironmentUpdateWindowResponse>> {
    await this.directory.assertVisible(caller, tenantId);
    const environments = await this.dataSource.getRepository(EnvironmentViewEntity).find({
      where: { tenantId, partnerId: caller.partnerId, status: Not('soft-deleted') },
      order: { name: 'ASC' },
    });
    const now = this.clock.now();
    return {
      items: environments.map((environment) => ({
        ...updateWindowResponse(environment, now),
        environmentType: environment.type,
        applicationVersion: environment.applicationVersion,
      })),
      nextCursor: null,
    };
  }
}
