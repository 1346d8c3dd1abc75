import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import { CallerContext, unwrap, uuidParam } from '@pac/bootstrap';
import type { WebhookResponse } from '@pac/http-contracts';
import { WEBHOOK_NOT_FOUND } from '../../domain/not-found';
import { EnableWebhookHandler } from './enable-webhook.handler';

@Controller('webhooks')
export class EnableWebhookHttp {
  constructor(private readonly handler: EnableWebhookHandler) {}

  @Post(':id/enable')
  @HttpCode(200)
  async enable(
    @CallerContext() caller: Caller,
    @Param('id', uuidParam(WEBHOOK_NOT_FOUND)) id: string,
  ): Promise<WebhookResponse> {
    return unwrap(await this.handler.execute(caller, id));
  }
}
