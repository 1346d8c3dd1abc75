import type { EnvironmentStatus, EnvironmentType } from '@pac/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { InstalledExtension } from '../domain/compatibility';
import type { Environment } from '../domain/environment';

/** The lifecycle service's view of an environment (domain/environment.ts), with its update window. */
@Entity({ name: 'environments' })
export class EnvironmentEntity {
  @PrimaryColumn('uuid', { name: 'tenant_id' }) tenantId!: string;
  @PrimaryColumn('text') name!: string;
  @Column('uuid', { name: 'partner_id' }) partnerId!: string;
  @Column('text') type!: EnvironmentType;
  @Column('text') status!: EnvironmentStatus;
  @Column('text', { name: 'application_version' }) applicationVersion!: string;
  @Column('integer', { name: 'version_key' }) versionKey!: number;
  @Column('jsonb') extensions!: InstalledExtension[];
  @Column('text', { name: 'preferred_start_time' }) preferredStartTime!: string;
  @Column('text', { name: 'preferred_end_time' }) preferredEndTime!: string;
  @Column('text', { name: 'time_zone' }) timeZone!: string;
  /** occurredAt of the newest tenant event applied: an older one arriving late changes nothing. */
  @Column('timestamptz', { name: 'state_at' }) stateAt!: Date;

  toDomain(): Environment {
    return {
      tenantId: this.tenantId,
      name: this.name,
      partnerId: this.partnerId,
      type: this.type,
      status: this.status,
      applicationVersion: this.applicationVersion,
      extensions: this.extensions,
      window: {
        preferredStartTime: this.preferredStartTime,
        preferredEndTime: this.preferredEndTime,
        timeZone: this.timeZone,
      },
    };
  }
}
