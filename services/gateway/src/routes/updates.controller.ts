import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  EnvironmentUpdateWindowResponse,
  ListUpdatesQuery,
  PageQuery,
  ScheduleUpdateRequest,
  UpdateResponse,
  UpdateWindowRequest,
  UpdateWindowResponse,
} from '@pac/http-contracts';
import type { FastifyReply } from 'fastify';
import { RequiresAccess } from '../auth/access';
import type { AuthenticatedRequest } from '../auth/auth.guard';
import { Upstream } from '../upstream/upstream';
import { tenantPath } from './tenant-path';

/** The lifecycle service's path of one environment (or below it), every part encoded. */
function lifecyclePath(tenantId: string, name: string, below: string): string {
  return tenantPath(tenantId, `/environments/${encodeURIComponent(name)}${below}`);
}

/** Update windows and updates of an environment (api.md, Lifecycle): served by the lifecycle service. */
@ApiTags('Lifecycle')
@ApiBearerAuth()
@Controller('v1/tenants/:tenantId')
export class UpdatesController {
  constructor(private readonly upstream: Upstream) {}

  @Get('update-windows')
  @RequiresAccess('read')
  @ApiOperation({
    summary: 'Every environment’s update window (extension of the contract)',
    description: 'With each window’s current or next opening as instants (UTC), computed in its time zone.',
  })
  @ApiOkResponse({
    type: [EnvironmentUpdateWindowResponse],
    description: 'By environment name: { items: EnvironmentUpdateWindow[], nextCursor }',
  })
  listWindows(
    @Param('tenantId') tenantId: string,
    @Query() query: PageQuery,
    @Req() req: AuthenticatedRequest,
    @Res() reply: FastifyReply,
  ) {
    const call = {
      method: 'GET' as const,
      path: tenantPath(tenantId, '/update-windows'),
      query: { ...query },
    };
    return this.upstream.forward('lifecycle', call, req, reply);
  }

  @Get('environments/:name/update-window')
  @RequiresAccess('read')
  @ApiOkResponse({ type: UpdateWindowResponse })
  getWindow(
    @Param('tenantId') tenantId: string,
    @Param('name') name: string,
    @Req() req: AuthenticatedRequest,
    @Res() reply: FastifyReply,
  ) {
    const call = { method: 'GET' as const, path: lifecyclePath(tenantId, name, '/update-window') };
    return this.upstream.forward('lifecycle', call, req, reply);
  }

  @Put('environments/:name/update-window')
  @RequiresAccess('act')
  @ApiOperation({
    summary: 'Set the update window',
    description:
      'A daily period in the environment’s time zone, at least 6 hours, that may cross midnight (an end at or ' +
      'before the start is on the next day). Computed in local time every day, so daylight-saving changes move ' +
      'neither end. Scheduled updates move into the new window (update.rescheduled). 400 names the field.',
  })
  @ApiOkResponse({ type: UpdateWindowResponse })
  putWindow(
    @Param('tenantId') tenantId: string,
    @Param('name') name: string,
    @Body() body: UpdateWindowRequest,
    @Req() req: AuthenticatedRequest,
    @Res() reply: FastifyReply,
  ) {
    const call = { method: 'PUT' as const, path: lifecyclePath(tenantId, name, '/update-window'), body };
    return this.upstream.forward('lifecycle', call, req, reply);
  }

  @Get('environments/:name/updates')
  @RequiresAccess('read')
  @ApiOperation({
    summary: 'The updates of an environment',
    description:
      'Per target version: type, available, selected, compatibility with the installed extensions (checked now), ' +
      'and scheduleDetails. An update nobody selected is scheduled automatically in the window of its ' +
      'latestSelectableDate.',
  })
  @ApiOkResponse({
    type: [UpdateResponse],
    description: 'Oldest target version first: { items: Update[], nextCursor }',
  })
  listUpdates(
    @Param('tenantId') tenantId: string,
    @Param('name') name: string,
    @Query() query: ListUpdatesQuery,
    @Req() req: AuthenticatedRequest,
    @Res() reply: FastifyReply,
  ) {
    const call = {
      method: 'GET' as const,
      path: lifecyclePath(tenantId, name, '/updates'),
      query: { ...query },
    };
    return this.upstream.forward('lifecycle', call, req, reply);
  }

  @Patch('environments/:name/updates/:targetVersion')
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
  schedule(
    @Param('tenantId') tenantId: string,
    @Param('name') name: string,
    @Param('targetVersion') targetVersion: string,
    @Body() body: ScheduleUpdateRequest,
    @Req() req: AuthenticatedRequest,
    @Res() reply: FastifyReply,
  ) {
    const path = lifecyclePath(tenantId, name, `/updates/${encodeURIComponent(targetVersion)}`);
    return this.upstream.forward('lifecycle', { method: 'PATCH', path, body }, req, reply);
  }

  @Post('environments/:name/updates/:targetVersion/cancel')
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
  cancel(
    @Param('tenantId') tenantId: string,
    @Param('name') name: string,
    @Param('targetVersion') targetVersion: string,
    @Req() req: AuthenticatedRequest,
    @Res() reply: FastifyReply,
  ) {
    const path = lifecyclePath(tenantId, name, `/updates/${encodeURIComponent(targetVersion)}/cancel`);
    return this.upstream.forward('lifecycle', { method: 'POST', path }, req, reply);
  }
}
