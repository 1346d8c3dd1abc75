import { Injectable } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import type { AnswerableError } from '@pac/bootstrap';
import { Clock } from '@pac/clock';
import { TenantUpdated } from '@pac/contracts';
import { accept, type Decision } from '@pac/domain';
import { Outbox } from '@pac/messaging';
import { inTransaction } from '@pac/persistence';
import { DataSource } from 'typeorm';
import { tenantSnapshot } from '../../application/event-payloads';
import { visibleTenant } from '../../application/visibility';
import { applyTagChange, type TagChange } from '../../domain/tag-change';
import { decideUpdateTenant } from '../../domain/tenant';
import { saveTenant } from '../../persistence/tenants';

/**
 * Adds and removes tags on one tenant (the bulk action `tenant-tags`). The tags are read and written under the
 * tenant's lock, so two changes at once both count; like a PATCH, tenant.updated only when the tags changed.
 */
@Injectable()
export class ChangeTenantTagsHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
  ) {}

  async execute(
    caller: Caller,
    tenantId: string,
    change: TagChange,
  ): Promise<Decision<{ changed: boolean }, AnswerableError>> {
    const now = this.clock.now();
    return inTransaction(this.dataSource, async (manager) => {
      const visible = await visibleTenant(manager, caller, tenantId, { lock: true });
      if (!visible.ok) return visible;
      const current = visible.value;
      const decision = decideUpdateTenant(current, { tags: applyTagChange(current.tags, change) }, now);
      if (!decision.ok) return decision;
      const { tenant, changed } = decision.value;
      if (changed) {
        await saveTenant(manager, tenant);
        await this.outbox.add(manager, {
          definition: TenantUpdated,
          tenantId: tenant.id,
          data: tenantSnapshot(tenant, now),
        });
      }
      return accept({ changed });
    });
  }
}
