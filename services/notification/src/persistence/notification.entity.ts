import type { NotificationSeverity } from '@pac/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Notification } from '../domain/notification';

@Entity({ name: 'notifications' })
export class NotificationEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid', { name: 'partner_id' }) partnerId!: string;
  @Column('uuid', { name: 'tenant_id' }) tenantId!: string;
  @Column('text', { name: 'environment_name', nullable: true }) environmentName!: string | null;
  @Column('text') type!: string;
  @Column('text') severity!: NotificationSeverity;
  @Column('text') title!: string;
  @Column('text') body!: string;
  @Column('uuid', { name: 'source_event_id' }) sourceEventId!: string;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  @Column('timestamptz', { name: 'read_at', nullable: true }) readAt!: Date | null;

  static fromDomain(notification: Notification): NotificationEntity {
    return Object.assign(new NotificationEntity(), {
      ...notification,
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
      title: this.title,
      body: this.body,
      sourceEventId: this.sourceEventId,
      createdAt: this.createdAt.toISOString(),
      readAt: this.readAt?.toISOString() ?? null,
    };
  }
}
