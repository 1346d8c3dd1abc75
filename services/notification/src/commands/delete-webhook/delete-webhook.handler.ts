import { Injectable } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import type { AnswerableError } from '@pac/bootstrap';
import { accept, reject, type Decision } from '@pac/domain';
import { inTransaction } from '@pac/persistence';
import { DataSource } from 'typeorm';
import { WEBHOOK_NOT_FOUND } from '../../domain/not-found';
import { deleteWebhook, findWebhook } from '../../persistence/webhooks';

@Injectable()
export class DeleteWebhookHandler {
  constructor(private readonly dataSource: DataSource) {}

  /** The webhook and its delivery log go; nothing more is sent to it. */
  execute(caller: Caller, id: string): Promise<Decision<void, AnswerableError>> {
    return inTransaction(this.dataSource, async (manager) => {
      if (!(await findWebhook(manager, caller.partnerId, id, { lock: true })))
        return reject(WEBHOOK_NOT_FOUND);
      await deleteWebhook(manager, id);
      return accept(undefined);
    });
  }
}
