import { Controller, Delete, HttpCode, Param } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import { CallerContext, unwrap, uuidParam } from '@pac/bootstrap';
import { WEBHOOK_NOT_FOUND } from '../../domain/not-found';
import { DeleteWebhookHandler } from './delete-webhook.handler';

@Controller('webhooks')
export class DeleteWebhookHttp {
  constructor(private readonly handler: DeleteWebhookHandler) {}

  @Delete(':id')
  @HttpCode(204)
  async remove(
    @CallerContext() caller: Caller,
    @Param('id', uuidParam(WEBHOOK_NOT_FOUND)) id: string,
  ): Promise<void> {
    unwrap(await this.handler.execute(caller, id));
  }
}
