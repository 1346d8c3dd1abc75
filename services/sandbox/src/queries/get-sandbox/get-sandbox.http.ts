import { Controller, Get, Param } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import { CallerContext, problemFor, TENANT_NOT_FOUND, TenantIdParam } from '@pac/bootstrap';
import type { SandboxResponse } from '@pac/http-contracts';
import { DataSource } from 'typeorm';
import { sandboxResponse } from '../../application/responses';
import { sandboxNotFound } from '../../domain/not-found';
import { findVisibleQuota } from '../../persistence/sandbox-quotas';
import { findVisibleSandbox } from '../../persistence/sandboxes';

@Controller('tenants')
export class GetSandboxHttp {
  constructor(private readonly dataSource: DataSource) {}

  /** The newest sandbox of that name (any case), live or ended. */
  @Get(':tenantId/sandboxes/:name')
  async get(
    @CallerContext() caller: Caller,
    @Param('tenantId', TenantIdParam) tenantId: string,
    @Param('name') name: string,
  ): Promise<SandboxResponse> {
    const manager = this.dataSource.manager;
    if (!(await findVisibleQuota(manager, caller, tenantId))) throw problemFor(TENANT_NOT_FOUND);
    const sandbox = await findVisibleSandbox(manager, caller, tenantId, name);
    if (!sandbox) throw problemFor(sandboxNotFound(name));
    return sandboxResponse(sandbox);
  }
}
