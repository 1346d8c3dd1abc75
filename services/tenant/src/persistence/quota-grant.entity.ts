import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { QuotaGrant } from '../domain/quota';

@Entity({ name: 'environment_quotas' })
export class QuotaGrantEntity {
  @PrimaryColumn('uuid', { name: 'tenant_id' }) tenantId!: string;
  @Column('integer', { name: 'additional_production_environments' })
  additionalProductionEnvironments!: number;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
  @Column('text', { name: 'updated_by' }) updatedBy!: string;

  static fromDomain(grant: QuotaGrant): QuotaGrantEntity {
    return Object.assign(new QuotaGrantEntity(), {
      tenantId: grant.tenantId,
      additionalProductionEnvironments: grant.additionalProductionEnvironments,
      updatedAt: new Date(grant.updatedAt ?? 0),
      updatedBy: grant.updatedBy ?? 'system',
    });
  }

  toDomain(): QuotaGrant {
    return {
      tenantId: this.tenantId,
      additionalProductionEnvironments: this.additionalProductionEnvironments,
      updatedAt: this.updatedAt.toISOString(),
      updatedBy: this.updatedBy,
    };
  }
}
