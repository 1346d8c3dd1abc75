import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'sandbox_quotas' })
export class SandboxQuotaEntity {
  @PrimaryColumn('uuid', { name: 'tenant_id' }) tenantId!: string;
  @Column('uuid', { name: 'partner_id' }) partnerId!: string;
  @Column('integer', { name: 'max_sandboxes' }) maxSandboxes!: number;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
}
