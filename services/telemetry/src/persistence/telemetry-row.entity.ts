import type { TelemetrySeverity } from '@pac/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { TelemetryRow } from '../domain/telemetry-row';

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

  static fromDomain(row: TelemetryRow): TelemetryRowEntity {
    return Object.assign(new TelemetryRowEntity(), { ...row, timestamp: new Date(row.timestamp) });
  }

  toDomain(): TelemetryRow {
    return {
      id: this.id,
      partnerId: this.partnerId,
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
