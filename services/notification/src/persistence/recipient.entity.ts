import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Locale } from '../domain/notification-text';
import type { Recipient } from '../domain/recipient';

@Entity({ name: 'recipients' })
export class RecipientEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid', { name: 'partner_id' }) partnerId!: string;
  @Column('uuid', { name: 'tenant_id' }) tenantId!: string;
  @Column('text') email!: string;
  @Column('text') name!: string;
  @Column('text') locale!: Locale;
  @Column('text', { name: 'event_types', array: true, nullable: true }) eventTypes!: string[] | null;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;

  static fromDomain(recipient: Recipient): RecipientEntity {
    return Object.assign(new RecipientEntity(), { ...recipient, createdAt: new Date(recipient.createdAt) });
  }

  toDomain(): Recipient {
    return {
      id: this.id,
      partnerId: this.partnerId,
      tenantId: this.tenantId,
      email: this.email,
      name: this.name,
      locale: this.locale,
      eventTypes: this.eventTypes,
      createdAt: this.createdAt.toISOString(),
    };
  }
}
