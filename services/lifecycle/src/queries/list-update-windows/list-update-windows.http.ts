import { Controller, Get, Param, Query } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import { CallerContext, TenantDirectory, TenantIdParam } from '@pac/bootstrap';
import { Clock } from '@pac/clock';
import { PageQuery, type EnvironmentUpdateWindowResponse, type Page } from '@pac/http-contracts';
import { DataSource } from 'typeorm';
import { EnvironmentViewEntity } from '../../persistence/environment-view.entity';
import { updateWindowResponse } from '../get-update-window/update-window-response';
import { environmentName, uniqueKeyPage } from '../unique-key-page';

@Controller('tenants/:tenantId/update-windows')
export class ListUpdateWindowsHttp {
  constructor(
    private readonly dataSource: DataSource,
    private readonly directory: TenantDirectory,
    private readonly clock: Clock,
  ) {}

  /**
   * Every environment's window (and version) of a tenant by name, soft-deleted ones left out: what bulk
   * actions read. Paged like every list.
   */
  @Get()
  async list(
    @CallerContext() caller: Caller,
    @Param('tenantId', TenantIdParam) tenantId: string,
    @Query() query: PageQuery,
  ): Promise<Page<EnvironmentUpdateWindowResponse>> {
    await this.directory.assertVisible(caller, tenantId);
    const builder = this.dataSource
      .getRepository(EnvironmentViewEntity)
      .createQueryBuilder('e')
      .where('e.tenant_id = :tenantId AND e.partner_id = :partnerId', {
        tenantId,
        partnerId: caller.partnerId,
      })
      .andWhere(`e.status <> 'soft-deleted'`);
    const now = this.clock.now();
    return uniqueKeyPage(builder, 'e', query, environmentName, (environments) =>
      environments.map((environment) => ({
        ...updateWindowResponse(environment, now),
        environmentType: environment.type,
        applicationVersion: environment.applicationVersion,
      })),
    );
  }
}
