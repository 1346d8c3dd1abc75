import { Injectable } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import { TENANT_NOT_FOUND, tenantScope, TenantDirectoryEntry, type AnswerableError } from '@pac/bootstrap';
import { Clock } from '@pac/clock';
import { accept, reject, type Decision } from '@pac/domain';
import type { RecipientRequest, RecipientResponse } from '@pac/http-contracts';
import { inTransaction } from '@pac/persistence';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { recipientResponse } from '../../application/responses';
import { decideAddRecipient } from '../../domain/recipient';
import { insertRecipient, recipientsOfTenant } from '../../persistence/recipients';

@Injectable()
export class AddRecipientHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /** A new e-mail recipient of a customer's notifications (used by the bulk action too). */
  execute(
    caller: Caller,
    tenantId: string,
    request: RecipientRequest,
  ): Promise<Decision<RecipientResponse, AnswerableError>> {
    return inTransaction(this.dataSource, async (manager) => {
      const scope = tenantScope(caller, tenantId);
      const tenant = scope && (await manager.getRepository(TenantDirectoryEntry).findOneBy(scope));
      if (!tenant) return reject(TENANT_NOT_FOUND);
      const existing = await recipientsOfTenant(manager, tenantId);
      const decision = decideAddRecipient(
        randomUUID(),
        { partnerId: tenant.partnerId, tenantId },
        request,
        existing.map((r) => r.email),
        this.clock.now(),
      );
      if (!decision.ok) return decision;
      await insertRecipient(manager, decision.value);
      return accept(recipientResponse(decision.value));
    });
  }
}
