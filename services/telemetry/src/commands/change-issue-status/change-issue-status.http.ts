import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import { CallerContext, unwrap, uuidParam } from '@pac/bootstrap';
import type { IssueResponse } from '@pac/http-contracts';
import { ISSUE_NOT_FOUND } from '../../domain/not-found';
import { ChangeIssueStatusHandler } from './change-issue-status.handler';

const IssueIdParam = uuidParam(ISSUE_NOT_FOUND);

@Controller('issues')
export class ChangeIssueStatusHttp {
  constructor(private readonly handler: ChangeIssueStatusHandler) {}

  @Post(':issueId/acknowledge')
  @HttpCode(200)
  async acknowledge(
    @CallerContext() caller: Caller,
    @Param('issueId', IssueIdParam) issueId: string,
  ): Promise<IssueResponse> {
    return unwrap(await this.handler.execute(caller, issueId, 'acknowledge'));
  }

  @Post(':issueId/resolve')
  @HttpCode(200)
  async resolve(
    @CallerContext() caller: Caller,
    @Param('issueId', IssueIdParam) issueId: string,
  ): Promise<IssueResponse> {
    return unwrap(await this.handler.execute(caller, issueId, 'resolve'));
  }
}
