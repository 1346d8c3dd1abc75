import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Extension } from '../domain/extension';

@Entity({ name: 'extensions' })
export class ExtensionEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid', { name: 'environment_id' }) environmentId!: string;
  @Column('text') publisher!: string;
  @Column('text') name!: string;
  @Column('text') version!: string;
  @Column('text', { name: 'min_version' }) minVersion!: string;
  @Column('text', { name: 'max_version', nullable: true }) maxVersion!: string | null;
  /** The installation time (column installed_at), named createdAt for the keyset pages. */
  @Column('timestamptz', { name: 'installed_at' }) createdAt!: Date;

  static fromDomain(extension: Extension): ExtensionEntity {
    const { installedAt, ...rest } = extension;
    return Object.assign(new ExtensionEntity(), { ...rest, createdAt: new Date(installedAt) });
  }

  toDomain(): Extension {
    return {
      id: this.id,
      environmentId: this.environmentId,
      publisher: this.publisher,
      name: this.name,
      version: this.version,
      minVersion: this.minVersion,
      maxVersion: this.maxVersion,
      installedAt: this.createdAt.toISOString(),
    };
  }
}
