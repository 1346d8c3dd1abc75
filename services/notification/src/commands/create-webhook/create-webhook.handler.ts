import { Injectable } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import type { AnswerableError } from '@pac/bootstrap';
import { Clock } from '@pac/clock';
import { accept, refuse, type Decision } from '@pac/domain';
import type { CreatedWebhookResponse, WebhookRequest } from '@pac/http-contracts';
import { inTransaction } from '@pac/persistence';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { webhookResponse } from '../../application/responses';
import { SecretBox } from '../../application/secret-box';
import { WebhookSender } from '../../application/webhook-sender';
import { decideCreateWebhook } from '../../domain/webhook';
import { insertWebhook } from '../../persistence/webhooks';

@Injectable()
export class CreateWebhookHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly secrets: SecretBox,
    private readonly sender: WebhookSender,
  ) {}

  /**
   * A new webhook of the caller's partner, with a new signing secret, stored encrypted and answered this once.
   * A url whose host resolves to an address webhooks may not reach is refused now (and checked again at each
   * delivery, since names can move).
   */
  async execute(
    caller: Caller,
    request: WebhookRequest,
  ): Promise<Decision<CreatedWebhookResponse, AnswerableError>> {
    const decision = decideCreateWebhook(randomUUID(), caller.partnerId, request, this.clock.now());
    if (!decision.ok) return decision;
    const refusal = await this.sender.refusalOf(decision.value.url);
    if (refusal) return refuse('webhook-url-not-allowed', refusal, 'url');
    const secret = this.secrets.newSecret();
    await inTransaction(this.dataSource, (manager) =>
      insertWebhook(manager, decision.value, this.secrets.seal(secret)),
    );
    return accept({ ...webhookResponse(decision.value), secret });
  }
}
