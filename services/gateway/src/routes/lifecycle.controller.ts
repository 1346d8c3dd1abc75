import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  EnvironmentUpdateWindowResponse,
  ListReleasesQuery,
  ListUpdatesQuery,
  PageQuery,
  PublishReleaseRequest,
  ReleaseResponse,
  ScheduleUpdateRequest,
  UpdateResponse,
  UpdateWindowPolicyResponse,
  UpdateWindowRequest,
  UpdateWindowResponse,
} from '@pac/http-contracts';
import { RequiresAccess } from '../auth/access';
import { LearnsUnknownEnvironment } from '../forwarding/environment-learning';
import { ApiPageOf } from '../openapi/api-page-of';
import { ForwardsTo } from '../forwarding/forwards-to';

/**
 * The routes the lifecycle service owns: releases, update windows and updates. Each is forwarded as it is
 * (see ForwardsTo): the methods only declare.
 */
@ForwardsTo('lifecycle')
@ApiTags('Lifecycle')
@ApiBearerAuth()
@Controller('v1')
export class LifecycleController {
  @Get('releases')
  @RequiresAccess('read')
  @ApiOperation({ summary: 'List the published releases' })
  @ApiPageOf(ReleaseResponse, 'Newest version first')
  listReleases(@Query() _query: ListReleasesQuery): void {}

  @Post('releases')
  @RequiresAccess('platform')
  @ApiOperation({
    summary: 'Publish a release',
    description:
      'When availableFrom comes, every eligible environment (older version; previews: sandboxes only) gets it ' +
      'as an available update, pre-checked against its installed extensions (update.available, and ' +
      'update.compatibility-warning naming the extensions), scheduled automatically for the window of its ' +
      'latestSelectableDate (availableFrom’s day + latestSelectableDays, in the environment’s zone). 409 for a ' +
      'version already published.',
  })
  @ApiCreatedResponse({ type: ReleaseResponse })
  publishRelease(@Body() _body: PublishReleaseRequest): void {}

  @Get('tenants/:tenantId/update-window-policy')
  @RequiresAccess('read')
  @ApiOperation({ summary: 'The update window new environments start with' })
  @ApiOkResponse({
    type: UpdateWindowPolicyResponse,
    description: 'The update window new environments of this customer start with',
  })
  getUpdateWindowPolicy(@Param('tenantId') _tenantId: string): void {}

  @Get('tenants/:tenantId/update-windows')
  @RequiresAccess('read')
  @ApiOperation({
    summary: 'Every environment’s update window (extension of the contract)',
    description: 'With each window’s current or next opening as instants (UTC), computed in its time zone.',
  })
  @ApiPageOf(EnvironmentUpdateWindowResponse, 'By environment name')
  listUpdateWindows(@Param('tenantId') _tenantId: string, @Query() _query: PageQuery): void {}

  @Get('tenants/:tenantId/environments/:name/update-window')
  @LearnsUnknownEnvironment()
  @RequiresAccess('read')
  @ApiOperation({ summary: 'An environment’s update window' })
  @ApiOkResponse({ type: UpdateWindowResponse })
  getUpdateWindow(@Param('tenantId') _tenantId: string, @Param('name') _name: string): void {}

  @Put('tenants/:tenantId/environments/:name/update-window')
  @LearnsUnknownEnvironment()
  @RequiresAccess('act')
  @ApiOperation({
    summary: 'Set the update window',
    description:
      'A daily period in the environment’s time zone, at least 6 hours, that may cross midnight (an end at or ' +
      'before the start is on the next day). Computed in local time every day, so daylight-saving changes move ' +
      'neither end. Scheduled updates move into the new window (update.rescheduled). 400 names the field.',
  })
  @ApiOkResponse({ type: UpdateWindowResponse })
  setUpdateWindow(
    @Param('tenantId') _tenantId: string,
    @Param('name') _name: string,
    @Body() _body: UpdateWindowRequest,
  ): void {}

  @Get('tenants/:tenantId/environments/:name/updates')
  @LearnsUnknownEnvironment()
  @RequiresAccess('read')
  @ApiOperation({
    summary: 'The updates of an environment',
    description:
      'Per target version: type, available, selected, compatibility with the installed extensions (checked now), ' +
      'and scheduleDetails. An update nobody selected is scheduled automatically in the window of its ' +
      'latestSelectableDate.',
  })
  @ApiPageOf(UpdateResponse, 'Oldest target version first')
  listUpdates(
    @Param('tenantId') _tenantId: string,
    @Param('name') _name: string,
    @Query() _query: ListUpdatesQuery,
  ): void {}

  @Patch('tenants/:tenantId/environments/:name/updates/:targetVersion')
  @LearnsUnknownEnvironment()
  @RequiresAccess('act')
  @ApiOperation({
    summary: 'Schedule, reschedule or unselect an update',
    description:
      'selected: true schedules this version (one selected version per environment; another selected one goes ' +
      'back to its automatic time). A selectedDateTime outside the window starts when the next window opens, ' +
      'unless ignoreUpdateWindow. 409 past latestSelectableDate, for a preview on production, or for a version ' +
      'not newer than the environment’s; 400 for a selectedDateTime in the past.',
  })
  @ApiOkResponse({ type: UpdateResponse })
  scheduleUpdate(
    @Param('tenantId') _tenantId: string,
    @Param('name') _name: string,
    @Param('targetVersion') _targetVersion: string,
    @Body() _body: ScheduleUpdateRequest,
  ): void {}

  @Post('tenants/:tenantId/environments/:name/updates/:targetVersion/cancel')
  @LearnsUnknownEnvironment()
  @HttpCode(200)
  @RequiresAccess('act')
  @ApiOperation({
    summary: 'Cancel a scheduled update (extension of the contract)',
    description:
      'Its run (operation) ends canceled. An update is mandatory by its latestSelectableDate (previews are ' +
      'not): a run a partner chose goes back to the automatic run of that day, as a new run (operation); the ' +
      'automatic run can be moved, not canceled (409). A preview stays available, unscheduled, until a ' +
      'partner selects it. 409 unless it is scheduled.',
  })
  @ApiOkResponse({ type: UpdateResponse })
  cancelUpdate(
    @Param('tenantId') _tenantId: string,
    @Param('name') _name: string,
    @Param('targetVersion') _targetVersion: string,
  ): void {}
}
