import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Notification, Severity } from '../domain/notification';

@Entity({ name: 'notifications' })
export class NotificationEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid', { name: 'partner_id' }) partnerId!: string;
  @Column('uuid', { name: 'tenant_id' }) tenantId!: string;
  @Column('text', { name: 'environment_name', nullable: true }) environmentName!: string | null;
  @Column('text') type!: string;
  @Column('text') severity!: Severity;
  @Column('text') title!: string;
  @Column('text') body!: string;
  @Column('uuid', { name: 'source_event_id' }) sourceEventId!: string;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  @Column('timestamptz', { name: 'read_at', nullable: true }) readAt!: Date | null;

  toResponse(): Omit<Notification, 'partnerId'> {
    return {
      id: this.id,
      tenantId: this.tenantId,
      environmentName: this.environmentName,
      type: this.type,
      severity: this.severity,
      title: this.title,
      body: this.body,
      createdAt: this.createdAt.toISOString(),
      readAt: this.readAt ? this.readAt.toISOString() : null,
    };
  }
}
