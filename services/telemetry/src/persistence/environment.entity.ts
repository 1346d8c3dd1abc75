import type { EnvironmentStatus } from '@pac/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The telemetry service's copy of an environment: ingestion keys are for environments that exist. */
@Entity({ name: 'environments' })
export class EnvironmentEntity {
  @PrimaryColumn('uuid', { name: 'tenant_id' }) tenantId!: string;
  @PrimaryColumn('text') name!: string;
  @Column('uuid', { name: 'partner_id' }) partnerId!: string;
  @Column('text') status!: EnvironmentStatus;
}
