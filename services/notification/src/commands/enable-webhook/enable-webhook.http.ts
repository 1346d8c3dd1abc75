import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import { CallerContext, problemFor, unwrap, uuidParam } from '@pac/bootstrap';
import type { WebhookResponse } from '@pac/http-contracts';
import { inTransaction } from '@pac/persistence';
import { DataSource } from 'typeorm';
import { webhookResponse } from '../../application/responses';
import { WEBHOOK_NOT_FOUND } from '../../domain/not-found';
import { decideEnableWebhook } from '../../domain/webhook';
import { findWebhook, saveWebhookState } from '../../persistence/webhooks';

@Controller('webhooks')
export class EnableWebhookHttp {
  constructor(private readonly dataSource: DataSource) {}

  /** A webhook disabled after 24 hours of failures, enabled again: new notifications go to it. */
  @Post(':id/enable')
  @HttpCode(200)
  async enable(
    @CallerContext() caller: Caller,
    @Param('id', uuidParam(WEBHOOK_NOT_FOUND)) id: string,
  ): Promise<WebhookResponse> {
    return inTransaction(this.dataSource, async (manager) => {
      const found = await findWebhook(manager, caller.partnerId, id, { lock: true });
      if (!found) throw problemFor(WEBHOOK_NOT_FOUND);
      const enabled = unwrap(decideEnableWebhook(found.toDomain()));
      await saveWebhookState(manager, enabled);
      return webhookResponse(enabled);
    });
  }
}
