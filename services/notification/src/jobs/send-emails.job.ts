import { Inject, Injectable } from '@nestjs/common';
import { anyRow, LOGGER, type ClockDrivenJob, type Logger } from '@pac/bootstrap';
import { Clock } from '@pac/clock';
import { DataSource } from 'typeorm';
import { countDeliveryAttempt } from '../application/delivery-metrics';
import { EmailSender } from '../application/email-sender';
import { afterAttempt } from '../domain/delivery';
import { emailMessage } from '../domain/email-message';
import { claimDueEmailDeliveries, saveEmailDeliveryProgress } from '../persistence/deliveries';
import { NotificationEntity } from '../persistence/notification.entity';
import { RecipientEntity } from '../persistence/recipient.entity';
import { tenantNameOf } from '../persistence/notifications';
import { NotificationConfig } from '../notification.config';

/**
 * Sends the e-mails that are due: claims a batch (FOR UPDATE SKIP LOCKED: instances share the work, none sends
 * one twice), sends them over SMTP in the recipient's language, records each attempt, and commits; then the
 * next batch. A failed attempt is tried again after the backoff, for 24 hours (domain/delivery.ts).
 */
@Injectable()
export class SendEmailsJob implements ClockDrivenJob {
  readonly name = 'send-emails';
  readonly everyMs: number;
  private readonly batchSize: number;
  private readonly linkBase: string;

  constructor(
    private readonly dataSource: DataSource,
    private readonly sender: EmailSender,
    private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
    config: NotificationConfig,
  ) {
    this.everyMs = config.EMAIL_DISPATCH_INTERVAL_MS;
    this.batchSize = config.EMAIL_BATCH_SIZE;
    this.linkBase = config.LINK_BASE_URL;
  }

  hasWork(now: Date): Promise<boolean> {
    return anyRow(
      this.dataSource,
      `SELECT 1 FROM email_deliveries WHERE status = 'pending' AND next_attempt_at <= $1`,
      [now],
    );
  }

  async run(now: Date): Promise<void> {
    for (;;) {
      const sent = await this.dataSource.transaction(async (manager) => {
        const due = await claimDueEmailDeliveries(manager, now, this.batchSize);
        if (due.length === 0) return 0;
        const recipients = new Map(
          (await manager.getRepository(RecipientEntity).findBy(due.map((d) => ({ id: d.recipientId })))).map(
            (r) => [r.id, r.toDomain()],
          ),
        );
        const notifications = new Map(
          (
            await manager.getRepository(NotificationEntity).findBy(due.map((d) => ({ id: d.notificationId })))
          ).map((n) => [n.id, n.toDomain()]),
        );
        const outcomes = await Promise.all(
          due.map(async (delivery) => {
            const recipient = recipients.get(delivery.recipientId)!;
            const notification = notifications.get(delivery.notificationId)!;
            const tenantName = (await tenantNameOf(manager, delivery.tenantId)) ?? 'Customer';
            const outcome = await this.sender.send({
              to: { name: recipient.name, address: recipient.email },
              message: emailMessage(notification, recipient.locale, tenantName, this.linkBase),
              deliveryId: delivery.id,
            });
            countDeliveryAttempt('email', outcome);
            return { delivery, outcome };
          }),
        );
        const at = this.clock.now();
        for (const { delivery, outcome } of outcomes) {
          if (!outcome.ok)
            this.logger.warn({ deliveryId: delivery.id, error: outcome.error }, 'e-mail not sent');
          await saveEmailDeliveryProgress(
            manager,
            delivery.id,
            afterAttempt(delivery.progress(), outcome, at),
          );
        }
        return due.length;
      });
      if (sent < this.batchSize) return;
    }
  }
}
