import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { DeliveryProgress, DeliveryStatus } from '../domain/delivery';

/** The columns of a delivery's progress, the same for e-mail and webhook deliveries (domain/delivery.ts). */
abstract class DeliveryColumns {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid', { name: 'notification_id' }) notificationId!: string;
  @Column('uuid', { name: 'partner_id' }) partnerId!: string;
  @Column('text') status!: DeliveryStatus;
  @Column('integer') attempts!: number;
  @Column('timestamptz', { name: 'next_attempt_at' }) nextAttemptAt!: Date;
  @Column('timestamptz', { name: 'first_attempt_at', nullable: true }) firstAttemptAt!: Date | null;
  @Column('timestamptz', { name: 'last_attempt_at', nullable: true }) lastAttemptAt!: Date | null;
  @Column('integer', { name: 'last_status_code', nullable: true }) lastStatusCode!: number | null;
  @Column('text', { name: 'last_error', nullable: true }) lastError!: string | null;
  @Column('integer', { name: 'latency_ms', nullable: true }) latencyMs!: number | null;
  @Column('timestamptz', { name: 'delivered_at', nullable: true }) deliveredAt!: Date | null;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;

  progress(): DeliveryProgress {
    return {
      status: this.status,
      attempts: this.attempts,
      nextAttemptAt: this.nextAttemptAt.toISOString(),
      firstAttemptAt: this.firstAttemptAt?.toISOString() ?? null,
      lastAttemptAt: this.lastAttemptAt?.toISOString() ?? null,
      lastStatusCode: this.lastStatusCode,
      lastError: this.lastError,
      latencyMs: this.latencyMs,
      deliveredAt: this.deliveredAt?.toISOString() ?? null,
    };
  }
}

/** The columns of a progress, as a row's values. */
export function progressColumns(progress: DeliveryProgress): Partial<DeliveryColumns> {
  const date = (iso: string | null) => (iso ? new Date(iso) : null);
  return {
    status: progress.status,
    attempts: progress.attempts,
    nextAttemptAt: new Date(progress.nextAttemptAt),
    firstAttemptAt: date(progress.firstAttemptAt),
    lastAttemptAt: date(progress.lastAttemptAt),
    lastStatusCode: progress.lastStatusCode,
    lastError: progress.lastError,
    latencyMs: progress.latencyMs,
    deliveredAt: date(progress.deliveredAt),
  };
}

@Entity({ name: 'email_deliveries' })
export class EmailDeliveryEntity extends DeliveryColumns {
  @Column('uuid', { name: 'recipient_id' }) recipientId!: string;
  @Column('uuid', { name: 'tenant_id' }) tenantId!: string;
}

@Entity({ name: 'webhook_deliveries' })
export class WebhookDeliveryEntity extends DeliveryColumns {
  @Column('uuid', { name: 'webhook_id' }) webhookId!: string;
  @Column('uuid', { name: 'tenant_id', nullable: true }) tenantId!: string | null;
  @Column('text') lane!: string;
  /** Order within its lane (bigserial, as text). */
  @Column({ type: 'bigint', insert: false, update: false }) position!: string;
  @Column('uuid', { name: 'redelivery_of', nullable: true }) redeliveryOf!: string | null;
}
