import type { EnvironmentStatus, EnvironmentType } from '@pac/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { InstalledExtension } from '../domain/compatibility';
import type { EnvironmentFacts } from '../domain/update-schedule';
import type { UpdateWindow } from '../domain/update-window';

/**
 * The lifecycle service's own view of an environment, built from the tenant events (it never reads the tenant
 * service's tables), plus the environment's update window, which this service owns.
 */
@Entity({ name: 'environments' })
export class EnvironmentViewEntity {
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
  @Column('timestamptz', { name: 'state_at' }) stateAt!: Date;

  window(): UpdateWindow {
    return {
      preferredStartTime: this.preferredStartTime,
      preferredEndTime: this.preferredEndTime,
      timeZone: this.timeZone,
    };
  }

  facts(): EnvironmentFacts {
    return { type: this.type, applicationVersion: this.applicationVersion, window: this.window() };
  }
}
