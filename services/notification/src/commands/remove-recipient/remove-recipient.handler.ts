import { Injectable } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import { TENANT_NOT_FOUND, tenantScope, TenantDirectoryEntry, type AnswerableError } from '@pac/bootstrap';
import { accept, reject, type Decision } from '@pac/domain';
import { inTransaction } from '@pac/persistence';
import { DataSource } from 'typeorm';
import { RECIPIENT_NOT_FOUND } from '../../domain/not-found';
import { deleteRecipient, findRecipient } from '../../persistence/recipients';

@Injectable()
export class RemoveRecipientHandler {
  constructor(private readonly dataSource: DataSource) {}

  /** The recipient gets nothing more; what was not sent yet is given up with their delivery log. */
  execute(caller: Caller, tenantId: string, recipientId: string): Promise<Decision<void, AnswerableError>> {
    return inTransaction(this.dataSource, async (manager) => {
      const scope = tenantScope(caller, tenantId);
      if (!scope || !(await manager.getRepository(TenantDirectoryEntry).existsBy(scope)))
        return reject(TENANT_NOT_FOUND);
      if (!(await findRecipient(manager, tenantId, recipientId))) return reject(RECIPIENT_NOT_FOUND);
      await deleteRecipient(manager, recipientId);
      return accept(undefined);
    });
  }
}
