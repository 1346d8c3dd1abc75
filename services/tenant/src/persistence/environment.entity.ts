import type { EnvironmentStatus, EnvironmentType } from '@pac/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Environment } from '../domain/environment';

@Entity({ name: 'environments' })
export class EnvironmentEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid', { name: 'tenant_id' }) tenantId!: string;
  @Column('text') name!: string;
  @Column('text') type!: EnvironmentType;
  @Column('text') status!: EnvironmentStatus;
  @Column('text', { name: 'application_version' }) applicationVersion!: string;
  @Column('char', { name: 'country_code', length: 2 }) countryCode!: string;
  @Column('text', { name: 'source_environment', nullable: true }) sourceEnvironment!: string | null;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
  @Column('timestamptz', { name: 'soft_deleted_at', nullable: true }) softDeletedAt!: Date | null;
  @Column('timestamptz', { name: 'purge_at', nullable: true }) purgeAt!: Date | null;
  @Column('text', { name: 'status_before_deletion', nullable: true })
  statusBeforeDeletion!: EnvironmentStatus | null;
  @Column('text', { name: 'name_before_deletion', nullable: true }) nameBeforeDeletion!: string | null;

  static fromDomain(environment: Environment): EnvironmentEntity {
    return Object.assign(new EnvironmentEntity(), {
      ...environment,
      createdAt: new Date(environment.createdAt),
      updatedAt: new Date(environment.updatedAt),
      softDeletedAt: environment.softDeletedAt ? new Date(environment.softDeletedAt) : null,
      purgeAt: environment.purgeAt ? new Date(environment.purgeAt) : null,
    });
  }

  toDomain(): Environment {
    return {
      id: this.id,
      tenantId: this.tenantId,
      name: this.name,
      type: this.type,
      status: this.status,
      applicationVersion: this.applicationVersion,
      countryCode: this.countryCode,
      sourceEnvironment: this.sourceEnvironment,
      createdAt: this.createdAt.toISOString(),
      updatedAt: this.updatedAt.toISOString(),
      softDeletedAt: this.softDeletedAt?.toISOString() ?? null,
      purgeAt: this.purgeAt?.toISOString() ?? null,
      statusBeforeDeletion: this.statusBeforeDeletion,
      nameBeforeDeletion: this.nameBeforeDeletion,
    };
  }
}
