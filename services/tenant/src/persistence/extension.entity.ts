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
  @Column('timestamptz', { name: 'installed_at' }) installedAt!: Date;

  static fromDomain(extension: Extension): ExtensionEntity {
    return Object.assign(new ExtensionEntity(), {
      ...extension,
      installedAt: new Date(extension.installedAt),
    });
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
      installedAt: this.installedAt.toISOString(),
    };
  }
}
