import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { SandboxQuota } from '../domain/sandbox-quota';

@Entity({ name: 'sandbox_quotas' })
export class SandboxQuotaEntity {
  @PrimaryColumn('uuid', { name: 'tenant_id' }) tenantId!: string;
  @Column('uuid', { name: 'partner_id' }) partnerId!: string;
  @Column('integer', { name: 'max_sandboxes' }) maxSandboxes!: number;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;

  static fromDomain(quota: SandboxQuota, createdAt: Date): SandboxQuotaEntity {
    return Object.assign(new SandboxQuotaEntity(), { ...quota, createdAt });
  }

  toDomain(): SandboxQuota {
    return { tenantId: this.tenantId, partnerId: this.partnerId, maxSandboxes: this.maxSandboxes };
  }
}
