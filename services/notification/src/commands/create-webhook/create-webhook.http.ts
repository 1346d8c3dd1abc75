import { Body, Controller, Post } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import { CallerContext, unwrap } from '@pac/bootstrap';
import { WebhookRequest, type CreatedWebhookResponse } from '@pac/http-contracts';
import { CreateWebhookHandler } from './create-webhook.handler';

@Controller('webhooks')
export class CreateWebhookHttp {
  constructor(private readonly handler: CreateWebhookHandler) {}

  @Post()
  async create(
    @CallerContext() caller: Caller,
    @Body() body: WebhookRequest,
  ): Promise<CreatedWebhookResponse> {
    return unwrap(await this.handler.execute(caller, body));
  }
}
