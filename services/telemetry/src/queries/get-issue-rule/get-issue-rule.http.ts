import { Controller, Get, Param } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import { CallerContext, TenantDirectory, TenantIdParam } from '@pac/bootstrap';
import type { IssueRuleResponse } from '@pac/http-contracts';
import { DataSource } from 'typeorm';
import { issueRuleOf } from '../../persistence/issue-rules';
import { TelemetryConfig } from '../../telemetry.config';

@Controller('tenants')
export class GetIssueRuleHttp {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tenants: TenantDirectory,
    private readonly config: TelemetryConfig,
  ) {}

  /** The tenant's issue rule: its own, or the configured default. */
  @Get(':tenantId/issue-rule')
  async get(
    @CallerContext() caller: Caller,
    @Param('tenantId', TenantIdParam) tenantId: string,
  ): Promise<IssueRuleResponse> {
    await this.tenants.assertVisible(caller, tenantId);
    return {
      tenantId,
      ...(await issueRuleOf(this.dataSource.manager, tenantId, this.config.defaultIssueRule)),
    };
  }
}
