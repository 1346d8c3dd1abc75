import type { NotificationSeverity } from '@pac/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { StoredEvent } from '../domain/cloud-event';
import type { Notification, NotificationLinks } from '../domain/notification';
import type { Locale, NotificationText } from '../domain/notification-text';

@Entity({ name: 'notifications' })
export class NotificationEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid', { name: 'partner_id' }) partnerId!: string;
  @Column('uuid', { name: 'tenant_id', nullable: true }) tenantId!: string | null;
  @Column('text', { name: 'environment_name', nullable: true }) environmentName!: string | null;
  @Column('text') type!: string;
  @Column('text') severity!: NotificationSeverity;
  @Column('jsonb') text!: Record<Locale, NotificationText>;
  @Column('jsonb') links!: NotificationLinks;
  @Column('uuid', { name: 'source_event_id' }) sourceEventId!: string;
  @Column('jsonb', { name: 'source_event', nullable: true }) sourceEvent!: StoredEvent | null;
  /** Its position in the partner's stream (bigint: node-pg gives it as text). */
  @Column('bigint') sequence!: string;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  @Column('timestamptz', { name: 'read_at', nullable: true }) readAt!: Date | null;

  static fromDomain(
    notification: Notification,
    sequence: number,
    sourceEvent: StoredEvent | null,
  ): NotificationEntity {
    return Object.assign(new NotificationEntity(), {
      ...notification,
      sourceEvent,
      sequence: String(sequence),
      createdAt: new Date(notification.createdAt),
      readAt: notification.readAt ? new Date(notification.readAt) : null,
    });
  }

  toDomain(): Notification {
    return {
      id: this.id,
      partnerId: this.partnerId,
      tenantId: this.tenantId,
      environmentName: this.environmentName,
      type: this.type,
      severity: this.severity,
      text: this.text,
      links: this.links,
      sourceEventId: this.sourceEventId,
      createdAt: this.createdAt.toISOString(),
      readAt: this.readAt?.toISOString() ?? null,
    };
  }
}
