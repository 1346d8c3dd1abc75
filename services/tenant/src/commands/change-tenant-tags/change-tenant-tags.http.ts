import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import { CallerContext, TenantIdParam } from '@pac/bootstrap';
import { TenantTagsChange, type BulkTenantAnswer } from '@pac/http-contracts';
import { decideTagChange, type TagChange } from '../../domain/tag-change';
import { problemFor } from '../../problem-for';
import { ChangeTenantTagsHandler } from './change-tenant-tags.handler';

/** The tenant service's part of the bulk action `POST /v1/bulk/tenant-tags` (the gateway runs it per tenant). */
@Controller()
export class ChangeTenantTagsHttp {
  constructor(private readonly handler: ChangeTenantTagsHandler) {}

  /** The change as a whole, before any tenant is touched: 204, or 400 naming the field at fault. */
  @Post('bulk/tenant-tags/check')
  @HttpCode(204)
  check(@CallerContext() _caller: Caller, @Body() body: TenantTagsChange): void {
    tagChangeOf(body);
  }

  /** One tenant: `succeeded` when its tags changed, `skipped` when they already matched. */
  @Post('tenants/:tenantId/bulk/tenant-tags')
  @HttpCode(200)
  async change(
    @CallerContext() caller: Caller,
    @Param('tenantId', TenantIdParam) tenantId: string,
    @Body() body: TenantTagsChange,
  ): Promise<BulkTenantAnswer> {
    const result = await this.handler.execute(caller, tenantId, tagChangeOf(body));
    if (!result.ok) throw problemFor(result.error);
    return { results: [{ status: result.value.changed ? 'succeeded' : 'skipped' }] };
  }
}

function tagChangeOf(body: TenantTagsChange): TagChange {
  const change = decideTagChange(body.addTags, body.removeTags);
  if (!change.ok) throw problemFor(change.error);
  return change.value;
}
