import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { TelemetrySeverity } from '../domain/lifecycle-telemetry';

@Entity({ name: 'telemetry' })
export class TelemetryRowEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid', { name: 'partner_id' }) partnerId!: string;
  @Column('uuid', { name: 'tenant_id' }) tenantId!: string;
  @Column('text', { name: 'environment_name', nullable: true }) environmentName!: string | null;
  @Column('timestamptz', { name: 'timestamp' }) timestamp!: Date;
  @Column('text') severity!: TelemetrySeverity;
  @Column('text', { name: 'event_id' }) eventId!: string;
  @Column('text') message!: string;
  // Typed as object: TypeORM's insert typing cannot take Record<string, unknown>.
  @Column('jsonb') dimensions!: object;
  /** Ordering key of lists: rows are listed newest first by their own timestamp. */
  get createdAt(): Date {
    return this.timestamp;
  }

  toResponse() {
    return {
      id: this.id,
      tenantId: this.tenantId,
      environmentName: this.environmentName,
      timestamp: this.timestamp.toISOString(),
      severity: this.severity,
      eventId: this.eventId,
      message: this.message,
      dimensions: this.dimensions as Record<string, unknown>,
    };
  }
}
