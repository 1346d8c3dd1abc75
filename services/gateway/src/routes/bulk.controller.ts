import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  BulkNotificationRecipientsRequest,
  BulkResponse,
  BulkScheduleUpdateRequest,
  BulkTenantTagsRequest,
  BulkUpdateWindowRequest,
} from '@pac/http-contracts';
import { RequiresAccess } from '../auth/access';
import type { AuthenticatedRequest } from '../auth/auth.guard';
import { BulkActions } from '../bulk/bulk-actions';

/**
 * Bulk actions (one request, one result per tenant or per environment; 200 even when some items failed). Each
 * route names the service that owns the action; BulkActions runs it on every tenant of the request, and that
 * service answers, for each tenant, `POST /tenants/{tenantId}/bulk/<action>`.
 */
@ApiTags('Central view and bulk actions')
@ApiBearerAuth()
@Controller('v1/bulk')
export class BulkController {
  constructor(private readonly bulk: BulkActions) {}

  /** Extension of the contract: adds and removes tags on many customers at once. */
  @Post('tenant-tags')
  @HttpCode(200)
  @RequiresAccess('act-for-partner')
  @ApiOperation({ summary: 'Add and remove tags on many customers (extension of the contract)' })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiOkResponse({ type: BulkResponse })
  bulkTenantTags(
    @Body() body: BulkTenantTagsRequest,
    @Req() request: AuthenticatedRequest,
  ): Promise<BulkResponse> {
    // The tags are the same for every tenant: a change the tenant service refuses is a 400, before any tenant.
    return this.bulk.run('tenant', body, request, { checkFirst: true });
  }

  @Post('update-window')
  @HttpCode(200)
  @RequiresAccess('act-for-partner')
  @ApiOperation({
    summary: 'Set the same update window on the environments of many customers',
    description:
      'Every environment of each tenant (or of environmentType): one result per environment. A window the ' +
      'lifecycle service refuses (under 6 hours, unknown zone) fails each item with the field named.',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiOkResponse({ type: BulkResponse })
  bulkUpdateWindow(
    @Body() body: BulkUpdateWindowRequest,
    @Req() request: AuthenticatedRequest,
  ): Promise<BulkResponse> {
    return this.bulk.run('lifecycle', body, request);
  }

  @Post('schedule-update')
  @HttpCode(200)
  @RequiresAccess('act-for-partner')
  @ApiOperation({
    summary: 'Schedule one version on the environments of many customers',
    description:
      'Each environment the version is for (older version, within its current or next major version; previews: ' +
      'sandboxes only; or only environmentType) is scheduled as PATCH .../updates/{targetVersion} would; the ' +
      'others are skipped, with the reason in code (version-not-newer, version-beyond-next-major, ' +
      'preview-on-production). One result per environment; 409s (past the latest ' +
      'selectable date, ...) fail their item with the reason.',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiOkResponse({ type: BulkResponse })
  bulkScheduleUpdate(
    @Body() body: BulkScheduleUpdateRequest,
    @Req() request: AuthenticatedRequest,
  ): Promise<BulkResponse> {
    return this.bulk.run('lifecycle', body, request);
  }

  @Post('notification-recipients')
  @HttpCode(200)
  @RequiresAccess('act-for-partner')
  @ApiOperation({
    summary: 'Add the same e-mail recipient to many customers',
    description:
      'One result per tenant; a tenant that has this address already is skipped (recipient-exists).',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiOkResponse({ type: BulkResponse })
  bulkNotificationRecipients(
    @Body() body: BulkNotificationRecipientsRequest,
    @Req() request: AuthenticatedRequest,
  ): Promise<BulkResponse> {
    return this.bulk.run('notification', body, request);
  }
}
