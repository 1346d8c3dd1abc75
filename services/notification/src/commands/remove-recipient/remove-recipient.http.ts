import { Controller, Delete, HttpCode, Param } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import { CallerContext, problemFor, TenantDirectory, TenantIdParam, uuidParam } from '@pac/bootstrap';
import { inTransaction } from '@pac/persistence';
import { DataSource } from 'typeorm';
import { RECIPIENT_NOT_FOUND } from '../../domain/not-found';
import { deleteRecipient, findRecipient } from '../../persistence/recipients';

@Controller('tenants/:tenantId/notification-recipients')
export class RemoveRecipientHttp {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tenants: TenantDirectory,
  ) {}

  /** The recipient gets nothing more; what was not sent yet is given up with their delivery log. */
  @Delete(':recipientId')
  @HttpCode(204)
  async remove(
    @CallerContext() caller: Caller,
    @Param('tenantId', TenantIdParam) tenantId: string,
    @Param('recipientId', uuidParam(RECIPIENT_NOT_FOUND)) recipientId: string,
  ): Promise<void> {
    await this.tenants.assertVisible(caller, tenantId);
    await inTransaction(this.dataSource, async (manager) => {
      if (!(await findRecipient(manager, tenantId, recipientId))) throw problemFor(RECIPIENT_NOT_FOUND);
      await deleteRecipient(manager, recipientId);
    });
  }
}
