import { Injectable } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import type { AnswerableError } from '@pac/bootstrap';
import { Clock } from '@pac/clock';
import { accept, reject, type Decision } from '@pac/domain';
import type { NotificationResponse } from '@pac/http-contracts';
import { Outbox } from '@pac/messaging';
import { inTransaction } from '@pac/persistence';
import { DataSource } from 'typeorm';
import { announceRead } from '../../application/inbox';
import { notificationResponse } from '../../application/responses';
import { markRead } from '../../domain/notification';
import { NOTIFICATION_NOT_FOUND } from '../../domain/not-found';
import { findVisibleNotification, saveReadAt } from '../../persistence/notifications';

@Injectable()
export class ReadNotificationHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
  ) {}

  /** Marks one notification read (again: nothing changes) and announces it for the unread counts. */
  execute(caller: Caller, id: string): Promise<Decision<NotificationResponse, AnswerableError>> {
    return inTransaction(this.dataSource, async (manager) => {
      const scope = {
        partnerId: caller.partnerId,
        ...(caller.tenantId ? { tenantId: caller.tenantId } : {}),
      };
      const found = await findVisibleNotification(manager, scope, id);
      if (!found) return reject(NOTIFICATION_NOT_FOUND);
      const now = this.clock.now();
      const read = markRead(found, now);
      if (read !== found) {
        await saveReadAt(manager, read);
        await announceRead(manager, this.outbox, read, 1, now, read.id);
      }
      return accept(notificationResponse(read));
    });
  }
}
