import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { isoTime, jsonItem } from '@pac/bootstrap';
import type { TenantStatus } from '@pac/contracts';
import type { Tenant, TenantContact } from '../domain/tenant';

@Entity({ name: 'tenants' })
@Index('tenants_partner_created_idx', ['partnerId', 'createdAt', 'id'])
export class TenantEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid', { name: 'partner_id' }) partnerId!: string;
  @Column('text') name!: string;
  @Column('char', { name: 'country_code', length: 2 }) countryCode!: string;
  @Column('text', { name: 'external_directory_id', nullable: true }) externalDirectoryId!: string | null;
  @Column('text') status!: TenantStatus;
  @Column('text', { array: true }) tags!: string[];
  @Column('jsonb') contacts!: TenantContact[];
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;

  static fromDomain(tenant: Tenant): TenantEntity {
    return Object.assign(new TenantEntity(), {
      ...tenant,
      createdAt: new Date(tenant.createdAt),
      updatedAt: new Date(tenant.updatedAt),
    });
  }

  /** SQL making toDomain()'s JSON from a row of `alias`, in the database (lists: newestFirstJsonPage). */
  static jsonItem(alias: string): string {
    return jsonItem({
      id: `${alias}.id`,
      partnerId: `${alias}.partner_id`,
      name: `${alias}.name`,
      countryCode: `${alias}.country_code`,
      externalDirectoryId: `${alias}.external_directory_id`,
      status: `${alias}.status`,
      tags: `${alias}.tags`,
      contacts: `${alias}.contacts`,
      createdAt: isoTime(`${alias}.created_at`),
      updatedAt: isoTime(`${alias}.updated_at`),
    });
  }

  toDomain(): Tenant {
    return {
      id: this.id,
      partnerId: this.partnerId,
      name: this.name,
      countryCode: this.countryCode,
      externalDirectoryId: this.externalDirectoryId,
      status: this.status,
      tags: this.tags,
      contacts: this.contacts,
      createdAt: this.createdAt.toISOString(),
      updatedAt: this.updatedAt.toISOString(),
    };
  }
}
