import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import {
  IssueResponse,
  IssueRuleRequest,
  IssueRuleResponse,
  ListIssuesQuery,
  ListTelemetryQuery,
  PageQuery,
  TelemetryKeyCreatedResponse,
  TelemetryKeyResponse,
  TelemetryRowResponse,
  TelemetrySummaryQuery,
  TelemetrySummaryResponse,
} from '@pac/http-contracts';
import { RequiresAccess } from '../auth/access';
import { ApiPageOf } from '../openapi/api-page-of';
import { ForwardsTo } from '../forwarding/forwards-to';

/** The routes the telemetry service owns, each forwarded as it is (see ForwardsTo). */
@ForwardsTo('telemetry')
@ApiTags('Telemetry and issues')
@ApiBearerAuth()
@Controller('v1')
export class TelemetryController {
  @Get('tenants/:tenantId/telemetry')
  @RequiresAccess('read')
  @ApiOperation({
    summary: 'Search a customer’s telemetry',
    description:
      'Newest first. `from` (included) and `to` (excluded) bound the time, `severity` takes one or more ' +
      '(comma-separated), `q` finds messages containing every word (any case).',
  })
  @ApiPageOf(TelemetryRowResponse, 'The customer’s telemetry, newest first')
  listTelemetry(@Param('tenantId') _tenantId: string, @Query() _query: ListTelemetryQuery): void {}

  @Get('tenants/:tenantId/telemetry/summary')
  @RequiresAccess('read')
  @ApiOperation({
    summary: 'Summarise a customer’s telemetry',
    description:
      'Counts per bucket (5m, 1h or 1d, UTC) and severity over the range (by default the last day, or 30 ' +
      'days for 1d buckets), and the 10 most frequent event ids.',
  })
  @ApiOkResponse({ type: TelemetrySummaryResponse })
  summariseTelemetry(@Param('tenantId') _tenantId: string, @Query() _query: TelemetrySummaryQuery): void {}

  @Post('tenants/:tenantId/environments/:name/telemetry-keys')
  @HttpCode(201)
  @RequiresAccess('act')
  @ApiOperation({
    summary: 'Create an ingestion key',
    description:
      'The key writes this environment’s telemetry only. Its secret is in this answer and nowhere else.',
  })
  @ApiCreatedResponse({ type: TelemetryKeyCreatedResponse })
  createTelemetryKey(@Param('tenantId') _tenantId: string, @Param('name') _name: string): void {}

  @Get('tenants/:tenantId/environments/:name/telemetry-keys')
  @RequiresAccess('read')
  @ApiOperation({ summary: 'List an environment’s ingestion keys' })
  @ApiPageOf(
    TelemetryKeyResponse,
    'The environment’s keys that are not revoked, without secrets: { items, nextCursor }',
  )
  listTelemetryKeys(
    @Param('tenantId') _tenantId: string,
    @Param('name') _name: string,
    @Query() _query: PageQuery,
  ): void {}

  @Delete('tenants/:tenantId/environments/:name/telemetry-keys/:keyId')
  @HttpCode(204)
  @RequiresAccess('act')
  @ApiOperation({
    summary: 'Revoke an ingestion key',
    description: 'Every gateway refuses it within TELEMETRY_KEY_CACHE_TTL_MS (30 s by default).',
  })
  @ApiNoContentResponse({ description: 'Revoked' })
  revokeTelemetryKey(
    @Param('tenantId') _tenantId: string,
    @Param('name') _name: string,
    @Param('keyId') _keyId: string,
  ): void {}

  @Get('tenants/:tenantId/issues')
  @RequiresAccess('read')
  @ApiOperation({ summary: 'List a customer’s issues' })
  @ApiPageOf(IssueResponse, 'The customer’s issues, newest first')
  listIssues(@Param('tenantId') _tenantId: string, @Query() _query: ListIssuesQuery): void {}

  @Post('issues/:issueId/acknowledge')
  @HttpCode(200)
  @RequiresAccess('act')
  @ApiOperation({ summary: 'Acknowledge an open issue (issue.acknowledged)' })
  @ApiOkResponse({ type: IssueResponse })
  acknowledgeIssue(@Param('issueId') _issueId: string): void {}

  @Post('issues/:issueId/resolve')
  @HttpCode(200)
  @RequiresAccess('act')
  @ApiOperation({ summary: 'Resolve an issue (issue.resolved); a new spike opens a new one' })
  @ApiOkResponse({ type: IssueResponse })
  resolveIssue(@Param('issueId') _issueId: string): void {}

  @Get('tenants/:tenantId/issue-rule')
  @RequiresAccess('read')
  @ApiOperation({ summary: 'A customer’s issue rule' })
  @ApiOkResponse({ type: IssueRuleResponse })
  getIssueRule(@Param('tenantId') _tenantId: string): void {}

  @Put('tenants/:tenantId/issue-rule')
  @RequiresAccess('act')
  @ApiOperation({
    summary: 'Set the customer’s issue rule',
    description:
      '`threshold` error or critical events of one environment and event id within `windowMinutes` open an ' +
      'issue; none for `quietMinutes` resolves it. Default 50 in 5 minutes, quiet 60 minutes.',
  })
  @ApiOkResponse({ type: IssueRuleResponse })
  setIssueRule(@Param('tenantId') _tenantId: string, @Body() _body: IssueRuleRequest): void {}
}
