import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Webhook } from '../domain/webhook';

@Entity({ name: 'webhooks' })
export class WebhookEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid', { name: 'partner_id' }) partnerId!: string;
  @Column('text') url!: string;
  @Column('text', { name: 'event_types', array: true }) eventTypes!: string[];
  @Column('text', { nullable: true }) description!: string | null;
  /** The signing secret, encrypted with WEBHOOK_SECRET_KEY (application/secret-box.ts). */
  @Column('text', { name: 'secret_ciphertext' }) secretCiphertext!: string;
  @Column('text') status!: Webhook['status'];
  @Column('timestamptz', { name: 'failing_since', nullable: true }) failingSince!: Date | null;
  @Column('timestamptz', { name: 'disabled_at', nullable: true }) disabledAt!: Date | null;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;

  static fromDomain(webhook: Webhook, secretCiphertext: string): WebhookEntity {
    return Object.assign(new WebhookEntity(), {
      ...webhook,
      secretCiphertext,
      failingSince: webhook.failingSince ? new Date(webhook.failingSince) : null,
      disabledAt: webhook.disabledAt ? new Date(webhook.disabledAt) : null,
      createdAt: new Date(webhook.createdAt),
    });
  }

  toDomain(): Webhook {
    return {
      id: this.id,
      partnerId: this.partnerId,
      url: this.url,
      eventTypes: this.eventTypes,
      description: this.description,
      status: this.status,
      failingSince: this.failingSince?.toISOString() ?? null,
      disabledAt: this.disabledAt?.toISOString() ?? null,
      createdAt: this.createdAt.toISOString(),
    };
  }
}
