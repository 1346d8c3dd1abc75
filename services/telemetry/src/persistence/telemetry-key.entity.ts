import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { TelemetryKey } from '../domain/telemetry-key';

@Entity({ name: 'telemetry_keys' })
export class TelemetryKeyEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid', { name: 'tenant_id' }) tenantId!: string;
  @Column('uuid', { name: 'partner_id' }) partnerId!: string;
  @Column('text', { name: 'environment_name' }) environmentName!: string;
  @Column('text', { name: 'key_hash' }) keyHash!: string;
  @Column('text', { name: 'key_prefix' }) keyPrefix!: string;
  @Column('text', { name: 'created_by' }) createdBy!: string;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  @Column('timestamptz', { name: 'revoked_at', nullable: true }) revokedAt!: Date | null;

  static fromDomain(key: TelemetryKey): TelemetryKeyEntity {
    return Object.assign(new TelemetryKeyEntity(), {
      ...key,
      createdAt: new Date(key.createdAt),
      revokedAt: key.revokedAt ? new Date(key.revokedAt) : null,
    });
  }

  toDomain(): TelemetryKey {
    return {
      id: this.id,
      tenantId: this.tenantId,
      partnerId: this.partnerId,
      environmentName: this.environmentName,
      keyHash: this.keyHash,
      keyPrefix: this.keyPrefix,
      createdBy: this.createdBy,
      createdAt: this.createdAt.toISOString(),
      revokedAt: this.revokedAt?.toISOString() ?? null,
    };
  }
}
