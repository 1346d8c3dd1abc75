import { Injectable } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import type { AnswerableError } from '@pac/bootstrap';
import { Clock } from '@pac/clock';
import { TenantUpdated } from '@pac/contracts';
import { accept, type Decision } from '@pac/domain';
import type { TenantResponse } from '@pac/http-contracts';
import { Outbox } from '@pac/messaging';
import { inTransaction } from '@pac/persistence';
import { DataSource } from 'typeorm';
import { tenantSnapshot } from '../../application/event-payloads';
import { tenantResponse } from '../../application/responses';
import { visibleTenant } from '../../application/visibility';
import { decideUpdateTenant, type TenantPatch } from '../../domain/tenant';
import { saveTenant } from '../../persistence/tenants';

@Injectable()
export class UpdateTenantHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
  ) {}

  /** Applies a PATCH; tenant.updated is emitted only when something really changed. */
  async execute(
    caller: Caller,
    tenantId: string,
    patch: TenantPatch,
  ): Promise<Decision<TenantResponse, AnswerableError>> {
    const now = this.clock.now();
    return inTransaction(this.dataSource, async (manager) => {
      const visible = await visibleTenant(manager, caller, tenantId, { lock: true });
      if (!visible.ok) return visible;
      const current = visible.value;
      const decision = decideUpdateTenant(current, patch, now);
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
      return accept(tenantResponse(tenant));
    });
  }
}
