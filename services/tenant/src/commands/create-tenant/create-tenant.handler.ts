import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Clock } from '@pac/clock';
import { TenantCreated } from '@pac/contracts';
import { Outbox } from '@pac/messaging';
import type { CreateTenantRequest } from '@pac/http-contracts';
import { inTransaction } from '@pac/persistence';
import { DataSource } from 'typeorm';
import { decideCreateTenant, type Tenant, type TenantError } from '../../domain/tenant';
import { PartnerEntity } from '../../persistence/partner.entity';
import { TenantEntity } from '../../persistence/tenant.entity';
import { tenantSnapshot } from '../../tenant-snapshot';

export type CreateTenantResult =
  | { ok: true; tenant: Tenant }
  | { ok: false; error: TenantError | { code: 'partner-unknown'; message: string } };

@Injectable()
export class CreateTenantHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
  ) {}

  /** Stores the tenant and its tenant.created event in one transaction; the relay publishes the event. */
  async execute(partnerId: string, request: CreateTenantRequest): Promise<CreateTenantResult> {
    const now = this.clock.now();
    const decision = decideCreateTenant({ ...request, tenantId: randomUUID(), partnerId }, now);
    if (!decision.ok) return decision;
    const tenant = decision.value;
    return inTransaction(this.dataSource, async (manager) => {
      const partnerExists = await manager.getRepository(PartnerEntity).exists({ where: { id: partnerId } });
      if (!partnerExists) {
        return {
          ok: false,
          error: { code: 'partner-unknown', message: 'the caller’s partner is not registered' },
        };
      }
      await manager.getRepository(TenantEntity).insert(TenantEntity.fromDomain(tenant));
      await this.outbox.add(manager, {
        definition: TenantCreated,
        tenantId: tenant.id,
        data: tenantSnapshot(tenant, now),
      });
      return { ok: true, tenant };
    });
  }
}
