import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { AnswerableError } from '@pac/bootstrap';
import { Clock } from '@pac/clock';
import { TenantCreated } from '@pac/contracts';
import { accept, refuse, type Decision } from '@pac/domain';
import type { CreateTenantRequest, TenantResponse } from '@pac/http-contracts';
import { Outbox } from '@pac/messaging';
import { inTransaction } from '@pac/persistence';
import { DataSource } from 'typeorm';
import { tenantSnapshot } from '../../application/event-payloads';
import { tenantResponse } from '../../application/responses';
import { decideCreateTenant } from '../../domain/tenant';
import { partnerExists } from '../../persistence/partners';
import { insertTenant } from '../../persistence/tenants';

@Injectable()
export class CreateTenantHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
  ) {}

  /** Stores the tenant and its tenant.created event in one transaction; the relay publishes the event. */
  async execute(
    partnerId: string,
    request: CreateTenantRequest,
  ): Promise<Decision<TenantResponse, AnswerableError>> {
    const now = this.clock.now();
    const decision = decideCreateTenant({ ...request, tenantId: randomUUID(), partnerId }, now);
    if (!decision.ok) return decision;
    const tenant = decision.value;
    return inTransaction(this.dataSource, async (manager) => {
      if (!(await partnerExists(manager, partnerId))) {
        return refuse('partner-unknown', 'the caller’s partner is not registered');
      }
      await insertTenant(manager, tenant);
      await this.outbox.add(manager, {
        definition: TenantCreated,
        tenantId: tenant.id,
        data: tenantSnapshot(tenant, now),
      });
      return accept(tenantResponse(tenant));
    });
  }
}
