import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Partner } from '../domain/partner';

@Entity({ name: 'partners' })
export class PartnerEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('text') name!: string;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;

  static fromDomain(partner: Partner): PartnerEntity {
    return Object.assign(new PartnerEntity(), { ...partner, createdAt: new Date(partner.createdAt) });
  }

  toDomain(): Partner {
    return { id: this.id, name: this.name, createdAt: this.createdAt.toISOString() };
  }
}
