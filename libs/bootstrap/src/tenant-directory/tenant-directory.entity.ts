import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Each service's own copy of which partner owns which tenant, fed by the tenant events, so that it can
 * answer "not found" for another partner's tenant without calling the tenant service.
 */
@Entity({ name: 'tenant_directory' })
export class TenantDirectoryEntry {
  @PrimaryColumn('uuid', { name: 'tenant_id' }) tenantId!: string;
  @Column('uuid', { name: 'partner_id' }) partnerId!: string;
  @Column('text') name!: string;
  @Column('text') status!: string;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
}
