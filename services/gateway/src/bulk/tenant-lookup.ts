import { Injectable } from '@nestjs/common';
import { ProblemException, problem } from '@pac/bootstrap';
import type { Page } from '@pac/http-contracts';
import { fillRoute } from '../forwarding/internal-path';
import { Upstream, jsonOf, problemOf, type CallContext } from '../upstream/upstream';
import type { TenantLookup, TenantRecord } from './bulk-runner';

const PAGE_SIZE = 200;

/** The caller's tenants, from the tenant service's internal API (which scopes every answer to the caller). */
@Injectable()
export class UpstreamTenantLookup implements TenantLookup {
  constructor(private readonly upstream: Upstream) {}

  /** Pages through GET /tenants; any failure fails the whole bulk request (nothing has run yet). */
  async listAll(context: CallContext): Promise<TenantRecord[]> {
    const tenants: TenantRecord[] = [];
    let cursor: string | undefined;
    do {
      const query = { limit: PAGE_SIZE, cursor };
      const answer = await this.upstream.call('tenant', { method: 'GET', path: '/tenants', query }, context);
      const page = answer.status === 200 ? jsonOf<Page<TenantRecord>>(answer) : undefined;
      if (!page) {
        throw new ProblemException(
          problem(502, `the tenants could not be listed (tenant service answered ${answer.status})`),
        );
      }
      tenants.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return tenants;
  }

  /** Another partner's tenant, or none, is undefined; any other refusal fails the tenant's item. */
  async find(context: CallContext, tenantId: string): Promise<TenantRecord | undefined> {
    const path = fillRoute('/tenants/:tenantId', { tenantId });
    const answer = await this.upstream.call('tenant', { method: 'GET', path }, context);
    if (answer.status === 404) return undefined;
    const tenant = answer.status === 200 ? jsonOf<TenantRecord>(answer) : undefined;
    if (!tenant) throw new ProblemException(problemOf(answer));
    return tenant;
  }
}
