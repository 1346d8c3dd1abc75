import { Injectable } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import type { AnswerableError } from '@pac/bootstrap';
import { Clock } from '@pac/clock';
import { accept, type Decision } from '@pac/domain';
import type { EnvironmentQuotasResponse } from '@pac/http-contracts';
import { inTransaction } from '@pac/persistence';
import { DataSource } from 'typeorm';
import { defaultQuotas } from '../../application/quotas';
import { environmentQuotasResponse } from '../../application/responses';
import { tenantForPlatformOrVisible } from '../../application/visibility';
import { decideQuotaGrant, environmentsInQuota, quotasOf } from '../../domain/quota';
import { environmentsOf } from '../../persistence/environments';
import { saveQuotaGrant } from '../../persistence/quotas';
import { TenantConfig } from '../../tenant.config';

@Injectable()
export class SetEnvironmentQuotasHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly config: TenantConfig,
  ) {}

  /** A platform admin grants a tenant (any partner's) additional production environments, each with three sandboxes. */
  async execute(
    caller: Caller,
    tenantId: string,
    additionalProductionEnvironments: number,
  ): Promise<Decision<EnvironmentQuotasResponse, AnswerableError>> {
    const now = this.clock.now();
    return inTransaction(this.dataSource, async (manager) => {
      // the tenant locked: a creation waiting for it counts with the new quota
      const found = await tenantForPlatformOrVisible(manager, caller, tenantId, { lock: true });
      if (!found.ok) return found;
      const decision = decideQuotaGrant(found.value, additionalProductionEnvironments, caller.subject, now);
      if (!decision.ok) return decision;
      await saveQuotaGrant(manager, decision.value);
      const used = environmentsInQuota(await environmentsOf(manager, tenantId));
      return accept(
        environmentQuotasResponse(decision.value, quotasOf(defaultQuotas(this.config), decision.value), used),
      );
    });
  }
}
