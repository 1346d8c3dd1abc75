import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ProblemException } from '@pac/bootstrap';
import { BulkResponse, BulkTenantTagsRequest, idempotencyKeyProblem } from '@pac/http-contracts';
import { RequiresAccess } from '../auth/access';
import type { AuthenticatedRequest } from '../auth/auth.guard';
import { GatewayConfig } from '../gateway.config';
import { tenantPath } from './tenant-path';
import { contextOf, Upstream } from '../upstream/upstream';
import { outcomeOf, runBulk, type TenantAction } from '../bulk/bulk-runner';
import { UpstreamTenantLookup } from '../bulk/tenant-lookup';

/**
 * Bulk actions (api.md, central view and bulk actions): one request, one result per tenant. The mechanism is
 * `runBulk`; each action here only says what to do for one tenant. Answers 200 even when some items failed.
 */
@ApiTags('Central view and bulk actions')
@ApiBearerAuth()
@Controller('v1/bulk')
export class BulkController {
  constructor(
    private readonly upstream: Upstream,
    private readonly tenants: UpstreamTenantLookup,
    private readonly config: GatewayConfig,
  ) {}

  /** Extension of the contract: adds and removes tags on many customers at once (PATCH of each tenant). */
  @Post('tenant-tags')
  @HttpCode(200)
  @RequiresAccess('act-for-partner')
  @ApiOperation({ summary: 'Add and remove tags on many customers (extension of the contract)' })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiOkResponse({ type: BulkResponse })
  tenantTags(@Body() body: BulkTenantTagsRequest, @Req() req: AuthenticatedRequest): Promise<BulkResponse> {
    const add = normalizeTags(body.addTags ?? []);
    const remove = new Set(normalizeTags(body.removeTags ?? []));
    if (add.length === 0 && remove.size === 0) {
      throw ProblemException.validation([
        { field: 'addTags', message: 'give at least one tag in addTags or removeTags' },
      ]);
    }
    const both = add.filter((tag) => remove.has(tag));
    if (both.length > 0) {
      throw ProblemException.validation([
        { field: 'removeTags', message: `a tag cannot be both added and removed: ${both.join(', ')}` },
      ]);
    }
    const action: TenantAction = async (tenant, context) => {
      const current = tenant.tags ?? [];
      const tags = [
        ...current.filter((tag) => !remove.has(tag)),
        ...add.filter((tag) => !current.includes(tag)),
      ];
      if (tags.length === current.length && tags.every((tag, i) => tag === current[i])) {
        return { status: 'skipped' };
      }
      const answer = await this.upstream.call(
        'tenant',
        { method: 'PATCH', path: tenantPath(tenant.id), body: { tags } },
        context,
      );
      return outcomeOf(answer);
    };
    return this.run(body.tenantIds, action, req);
  }

  private run(
    selection: string[] | 'all',
    action: TenantAction,
    req: AuthenticatedRequest,
  ): Promise<BulkResponse> {
    const context = contextOf(req);
    if (context.idempotencyKey !== undefined) {
      const problem = idempotencyKeyProblem(context.idempotencyKey);
      if (problem) throw ProblemException.validation([{ field: 'Idempotency-Key', message: problem }]);
    }
    return runBulk(selection, action, {
      tenants: this.tenants,
      concurrency: this.config.BULK_CONCURRENCY,
      context,
      onUnexpectedError: (error, tenantId) =>
        req.log.error({ err: error, tenantId }, 'bulk action failed unexpectedly on one tenant'),
    });
  }
}

/** Tags as the tenant service keeps them: trimmed, lower-case, once each. */
function normalizeTags(tags: string[]): string[] {
  return [...new Set(tags.map((tag) => tag.trim().toLowerCase()).filter((tag) => tag.length > 0))];
}
