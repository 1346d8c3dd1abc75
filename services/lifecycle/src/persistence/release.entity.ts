import type { ReleaseType } from '@pac/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Release } from '../domain/release';
import { versionKey } from './version-key';

@Entity({ name: 'releases' })
export class ReleaseEntity {
  @PrimaryColumn('text') version!: string;
  @Column('integer', { name: 'version_key' }) versionKey!: number;
  @Column('text') type!: ReleaseType;
  @Column('timestamptz', { name: 'available_from' }) availableFrom!: Date;
  @Column('integer', { name: 'latest_selectable_days' }) latestSelectableDays!: number;
  @Column('text', { name: 'published_by' }) publishedBy!: string;
  @Column('timestamptz', { name: 'published_at' }) publishedAt!: Date;
  @Column('timestamptz', { name: 'distributed_at', nullable: true }) distributedAt!: Date | null;

  static fromDomain(release: Release): ReleaseEntity {
    return Object.assign(new ReleaseEntity(), { ...release, versionKey: versionKey(release.version) });
  }

  toDomain(): Release {
    return {
      version: this.version,
      type: this.type,
      availableFrom: this.availableFrom,
      latestSelectableDays: this.latestSelectableDays,
      publishedBy: this.publishedBy,
      publishedAt: this.publishedAt,
      distributedAt: this.distributedAt,
    };
  }
}
