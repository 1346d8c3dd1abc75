import { Injectable } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import type { AnswerableError } from '@pac/bootstrap';
import { accept, reject, type Decision } from '@pac/domain';
import type { WebhookResponse } from '@pac/http-contracts';
import { inTransaction } from '@pac/persistence';
import { DataSource } from 'typeorm';
import { webhookResponse } from '../../application/responses';
import { WEBHOOK_NOT_FOUND } from '../../domain/not-found';
import { decideEnableWebhook } from '../../domain/webhook';
import { findWebhook, saveWebhookState } from '../../persistence/webhooks';

@Injectable()
export class EnableWebhookHandler {
  constructor(private readonly dataSource: DataSource) {}

  /** A webhook disabled after 24 hours of failures, enabled again: new notifications go to it. */
  execute(caller: Caller, id: string): Promise<Decision<WebhookResponse, AnswerableError>> {
    return inTransaction(this.dataSource, async (manager) => {
      const found = await findWebhook(manager, caller.partnerId, id, { lock: true });
      if (!found) return reject(WEBHOOK_NOT_FOUND);
      const decision = decideEnableWebhook(found.toDomain());
      if (!decision.ok) return decision;
      await saveWebhookState(manager, decision.value);
      return accept(webhookResponse(decision.value));
    });
  }
}
