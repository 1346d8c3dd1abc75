import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ProblemException } from '@pac/bootstrap';
import {
  BulkResponse,
  BulkScheduleUpdateRequest,
  BulkUpdateWindowRequest,
  idempotencyKeyProblem,
  MAX_PAGE_SIZE,
  type EnvironmentUpdateWindowResponse,
  type Page,
} from '@pac/http-contracts';
import type { AuthenticatedRequest } from '../auth/auth.guard';
import { RequiresAccess } from '../auth/access';
import {
  errorOf,
  ItemFailure,
  outcomeOf,
  runBulk,
  type ItemOutcome,
  type TenantAction,
} from '../bulk/bulk-runner';
import { UpstreamTenantLookup } from '../bulk/tenant-lookup';
import { GatewayConfig } from '../gateway.config';
import { contextOf, jsonOf, Upstream, type CallContext } from '../upstream/upstream';
import { tenantPath } from './tenant-path';

/**
 * The lifecycle's bulk actions (api.md, central view and bulk actions) on the gateway's bulk mechanism: one
 * result per environment of each tenant (a tenant without a matching environment: one `skipped` result).
 */
@ApiTags('Central view and bulk actions')
@ApiBearerAuth()
@Controller('v1/bulk')
export class LifecycleBulkController {
  constructor(
    private readonly upstream: Upstream,
    private readonly tenants: UpstreamTenantLookup,
    private readonly config: GatewayConfig,
  ) {}

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
  updateWindow(
    @Body() body: BulkUpdateWindowRequest,
    @Req() req: AuthenticatedRequest,
  ): Promise<BulkResponse> {
    const window = {
      preferredStartTime: body.preferredStartTime,
      preferredEndTime: body.preferredEndTime,
      timeZone: body.timeZone,
    };
    return this.run(body.tenantIds, req, async (tenant, context) => {
      const environments = (await this.environmentsOf(tenant.id, context)).filter(
        (e) => !body.environmentType || e.environmentType === body.environmentType,
      );
      return this.perEnvironment(environments, async (environment) => {
        const answer = await this.upstream.call(
          'lifecycle',
          { method: 'PUT', path: windowPath(tenant.id, environment.environmentName), body: window },
          context,
        );
        return outcomeOf(answer, environment.environmentName);
      });
    });
  }

  @Post('schedule-update')
  @HttpCode(200)
  @RequiresAccess('act-for-partner')
  @ApiOperation({
    summary: 'Schedule one version on the environments of many customers',
    description:
      'Each environment the version is for (older version; previews: sandboxes only; or only environmentType) ' +
      'is scheduled as PATCH .../updates/{targetVersion} would; the others are skipped. One result per ' +
      'environment; 409s (past the latest selectable date, ...) fail their item with the reason.',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiOkResponse({ type: BulkResponse })
  scheduleUpdate(
    @Body() body: BulkScheduleUpdateRequest,
    @Req() req: AuthenticatedRequest,
  ): Promise<BulkResponse> {
    const patch = {
      selected: true,
      ...(body.selectedDateTime !== undefined ? { selectedDateTime: body.selectedDateTime } : {}),
      ...(body.ignoreUpdateWindow !== undefined ? { ignoreUpdateWindow: body.ignoreUpdateWindow } : {}),
    };
    return this.run(body.tenantIds, req, async (tenant, context) => {
      const environments = (await this.environmentsOf(tenant.id, context)).filter(
        (e) => !body.environmentType || e.environmentType === body.environmentType,
      );
      return this.perEnvironment(environments, async (environment) => {
        if (!isNewer(body.targetVersion, environment.applicationVersion)) {
          return { environmentName: environment.environmentName, status: 'skipped' };
        }
        const path = tenantPath(
          tenant.id,
          `/environments/${encodeURIComponent(environment.environmentName)}/updates/${encodeURIComponent(body.targetVersion)}`,
        );
        const answer = await this.upstream.call('lifecycle', { method: 'PATCH', path, body: patch }, context);
        // A preview on production is not for it: nothing to do there, not a failure.
        if (answer.status === 409 && jsonOf<{ code?: string }>(answer)?.code === 'preview-on-production') {
          return { environmentName: environment.environmentName, status: 'skipped' };
        }
        return outcomeOf(answer, environment.environmentName);
      });
    });
  }

  /**
   * The tenant's environments as the lifecycle service knows them (with windows and versions): every page of
   * the list, so that no environment past the first page is left out of a bulk action.
   */
  private async environmentsOf(
    tenantId: string,
    context: CallContext,
  ): Promise<EnvironmentUpdateWindowResponse[]> {
    const environments: EnvironmentUpdateWindowResponse[] = [];
    let cursor: string | null = null;
    do {
      const query: Record<string, unknown> = { limit: MAX_PAGE_SIZE, ...(cursor ? { cursor } : {}) };
      const answer = await this.upstream.call(
        'lifecycle',
        { method: 'GET', path: tenantPath(tenantId, '/update-windows'), query },
        context,
      );
      const page = answer.status === 200 ? jsonOf<Page<EnvironmentUpdateWindowResponse>>(answer) : undefined;
      if (!page) throw new ItemFailure(errorOf(answer));
      environments.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return environments;
  }

  /** One environment after the other (a tenant has a handful); none: the tenant is skipped. */
  private async perEnvironment(
    environments: EnvironmentUpdateWindowResponse[],
    act: (environment: EnvironmentUpdateWindowResponse) => Promise<ItemOutcome>,
  ): Promise<ItemOutcome[]> {
    if (environments.length === 0) return [{ status: 'skipped' }];
    const outcomes: ItemOutcome[] = [];
    for (const environment of environments) outcomes.push(await act(environment));
    return outcomes;
  }

  private run(
    selection: string[] | 'all',
    req: AuthenticatedRequest,
    action: TenantAction,
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
        req.log.error({ err: error, tenantId }, 'bulk lifecycle action failed unexpectedly on one tenant'),
    });
  }
}

function windowPath(tenantId: string, environmentName: string): string {
  return tenantPath(tenantId, `/environments/${encodeURIComponent(environmentName)}/update-window`);
}

/** "major.minor" compared as numbers. */
function isNewer(candidate: string, than: string): boolean {
  const [a = 0, b = 0] = candidate.split('.').map(Number);
  const [c = 0, d = 0] = than.split('.').map(Number);
  return a > c || (a === c && b > d);
}
