import { Controller, Delete, HttpCode, Param } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import { CallerContext, problemFor, uuidParam } from '@pac/bootstrap';
import { inTransaction } from '@pac/persistence';
import { DataSource } from 'typeorm';
import { WEBHOOK_NOT_FOUND } from '../../domain/not-found';
import { deleteWebhook, findWebhook } from '../../persistence/webhooks';

@Controller('webhooks')
export class DeleteWebhookHttp {
  constructor(private readonly dataSource: DataSource) {}

  /** The webhook and its delivery log go; nothing more is sent to it. */
  @Delete(':id')
  @HttpCode(204)
  async remove(
    @CallerContext() caller: Caller,
    @Param('id', uuidParam(WEBHOOK_NOT_FOUND)) id: string,
  ): Promise<void> {
    await inTransaction(this.dataSource, async (manager) => {
      if (!(await findWebhook(manager, caller.partnerId, id, { lock: true })))
        throw problemFor(WEBHOOK_NOT_FOUND);
      await deleteWebhook(manager, id);
    });
  }
}
