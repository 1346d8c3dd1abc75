import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  CreateSandboxRequest,
  ExtendSandboxRequest,
  OperationResponse,
  PageQuery,
  SandboxForIssueRequest,
  SandboxResponse,
} from '@pac/http-contracts';
import { RequiresAccess } from '../auth/access';
import { ForwardsTo } from '../forwarding/forwards-to';
import { ApiPageOf } from '../openapi/api-page-of';

/** The routes the sandbox service owns, each forwarded as it is (see ForwardsTo). docs/sandboxes.md. */
@ForwardsTo('sandbox')
@ApiTags('Sandboxes')
@ApiBearerAuth()
@Controller('v1')
export class SandboxController {
  @Get('tenants/:tenantId/sandbox-quota')
  @RequiresAccess('read')
  @ApiOperation({ summary: 'A customer’s sandbox count (legacy)' })
  @ApiOkResponse({
    description:
      'Legacy: the sandbox service’s own count. The quota that applies is the tenant service’s one sandbox ' +
      'quota (GET /v1/tenants/{tenantId}/environment-quotas).',
  })
  getSandboxQuota(@Param('tenantId') _tenantId: string): void {}

  @Post('tenants/:tenantId/sandboxes')
  @HttpCode(202)
  @RequiresAccess('act')
  @ApiOperation({
    summary: 'Request a sandbox',
    description:
      'Answers 202 with the sandbox’s `copy` operation, `queued`. A saga copies `sourceEnvironment` (default: ' +
      'the tenant’s production environment; 404 if it has none) through the tenant service, one copy at a ' +
      'time per tenant in request order; the sandbox is `ready` with the source’s version and extensions ' +
      '(sandbox.ready), or `failed` (sandbox.failed). The tenant’s one sandbox quota applies, counting the ' +
      'sandboxes still queued (409 quota-exceeded); a live sandbox’s name cannot be asked again (409 ' +
      'sandbox-name-taken). It expires `expiresInDays` after it is ready (default 30, 1 to 90).',
  })
  @ApiAcceptedResponse({ type: OperationResponse })
  createSandbox(@Param('tenantId') _tenantId: string, @Body() _body: CreateSandboxRequest): void {}

  @Get('tenants/:tenantId/sandboxes')
  @RequiresAccess('read')
  @ApiOperation({ summary: 'A customer’s sandboxes' })
  @ApiPageOf(SandboxResponse, 'The customer’s sandboxes, newest first, ended ones included')
  listSandboxes(@Param('tenantId') _tenantId: string, @Query() _query: PageQuery): void {}

  @Get('tenants/:tenantId/sandboxes/:name')
  @RequiresAccess('read')
  @ApiOperation({ summary: 'A sandbox' })
  @ApiOkResponse({ type: SandboxResponse })
  getSandbox(@Param('tenantId') _tenantId: string, @Param('name') _name: string): void {}

  @Delete('tenants/:tenantId/sandboxes/:name')
  @HttpCode(202)
  @RequiresAccess('act')
  @ApiOperation({
    summary: 'Delete a sandbox, or cancel its copy',
    description:
      'A ready sandbox is deleted; a queued or running copy is canceled. Either way its environment is ' +
      'withdrawn at once (no soft delete: nothing of it is kept, its quota place is free) and sandbox.deleted ' +
      'follows. 409 sandbox-busy once it is being removed or has ended.',
  })
  @ApiAcceptedResponse({ type: OperationResponse })
  deleteSandbox(@Param('tenantId') _tenantId: string, @Param('name') _name: string): void {}

  @Post('tenants/:tenantId/sandboxes/:name/refresh')
  @HttpCode(202)
  @RequiresAccess('act')
  @ApiOperation({
    summary: 'Refresh a sandbox',
    description:
      'Copies the source again under the same name (the tenant service’s copy with refresh): 202 with a new ' +
      '`copy` operation, `queued`. 409 sandbox-not-ready unless the sandbox is ready.',
  })
  @ApiAcceptedResponse({ type: OperationResponse })
  refreshSandbox(@Param('tenantId') _tenantId: string, @Param('name') _name: string): void {}

  @Post('issues/:issueId/sandbox')
  @HttpCode(202)
  @RequiresAccess('act')
  @ApiOperation({
    summary: 'Make a sandbox to reproduce an issue',
    description:
      'From a problem to a sandbox in one call: a sandbox copy of the issue’s environment, named ' +
      '`Issue-<first 8 characters of the issue id>` unless `name` is given, linked to the issue (`issueId` ' +
      'on the sandbox and its events). Then as POST /v1/tenants/{tenantId}/sandboxes (202, quota, saga). 404 ' +
      'issue-not-found for an issue of another partner, or one the sandbox service has not learnt yet.',
  })
  @ApiAcceptedResponse({ type: OperationResponse })
  createSandboxForIssue(@Param('issueId') _issueId: string, @Body() _body: SandboxForIssueRequest): void {}

  @Post('tenants/:tenantId/sandboxes/:name/extend')
  @HttpCode(200)
  @RequiresAccess('act')
  @ApiOperation({
    summary: 'Extend a sandbox',
    description: 'Moves its expiry `days` later, at most 90 days from now (400 expiry-invalid).',
  })
  @ApiOkResponse({ type: SandboxResponse })
  extendSandbox(
    @Param('tenantId') _tenantId: string,
    @Param('name') _name: string,
    @Body() _body: ExtendSandboxRequest,
  ): void {}
}
