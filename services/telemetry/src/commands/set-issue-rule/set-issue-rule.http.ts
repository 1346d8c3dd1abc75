import { Body, Controller, HttpCode, Param, Put } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import { CallerContext, TenantIdParam, unwrap } from '@pac/bootstrap';
import { IssueRuleRequest, type IssueRuleResponse } from '@pac/http-contracts';
import { SetIssueRuleHandler } from './set-issue-rule.handler';

@Controller('tenants')
export class SetIssueRuleHttp {
  constructor(private readonly handler: SetIssueRuleHandler) {}

  @Put(':tenantId/issue-rule')
  @HttpCode(200)
  async set(
    @CallerContext() caller: Caller,
    @Param('tenantId', TenantIdParam) tenantId: string,
    @Body() body: IssueRuleRequest,
  ): Promise<IssueRuleResponse> {
    return unwrap(await this.handler.execute(caller, tenantId, body));
  }
}
