import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import { CallerContext, problemFor, unwrap, uuidParam } from '@pac/bootstrap';
import { SandboxForIssueRequest, type OperationResponse } from '@pac/http-contracts';
import { DataSource } from 'typeorm';
import { ISSUE_NOT_FOUND } from '../../domain/not-found';
import { sandboxNameForIssue } from '../../domain/sandbox';
import { findVisibleIssue } from '../../persistence/known-issues';
import { SandboxRequests } from '../../application/sandbox-requests';

@Controller('issues')
export class SandboxForIssueHttp {
  constructor(
    private readonly dataSource: DataSource,
    private readonly handler: SandboxRequests,
  ) {}

  /**
   * From a problem to a sandbox in one call: a sandbox copy of the issue's environment, named after the
   * issue (`Issue-<first 8 of its id>` unless a name is given) and linked to it (`issueId`). Then as
   * POST .../sandboxes.
   */
  @Post(':issueId/sandbox')
  @HttpCode(202)
  async create(
    @CallerContext() caller: Caller,
    @Param('issueId', uuidParam(ISSUE_NOT_FOUND)) issueId: string,
    @Body() body: SandboxForIssueRequest,
  ): Promise<OperationResponse> {
    const issue = await findVisibleIssue(this.dataSource.manager, caller, issueId);
    if (!issue) throw problemFor(ISSUE_NOT_FOUND);
    return unwrap(
      await this.handler.execute(caller, issue.tenantId, {
        name: body?.name ?? sandboxNameForIssue(issue.issueId),
        sourceEnvironment: issue.environmentName,
        issueId: issue.issueId,
        ...(body?.expiresInDays !== undefined ? { expiresInDays: body.expiresInDays } : {}),
        ...(body?.targetVersion ? { targetVersion: body.targetVersion } : {}),
      }),
    );
  }
}
