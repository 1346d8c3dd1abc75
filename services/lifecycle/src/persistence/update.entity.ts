import type { BlockingExtensionData, UpdateStatus } from '@pac/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Update } from '../domain/update';

/** A release offered to one environment, and its current run (domain/update.ts). */
@Entity({ name: 'updates' })
export class UpdateEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid', { name: 'tenant_id' }) tenantId!: string;
  @Column('text', { name: 'environment_name' }) environmentName!: string;
  @Column('uuid', { name: 'partner_id' }) partnerId!: string;
  @Column('text', { name: 'target_version' }) targetVersion!: string;
  @Column('integer', { name: 'version_key' }) versionKey!: number;
  @Column('text') status!: UpdateStatus;
  @Column('uuid', { name: 'operation_id' }) operationId!: string;
  @Column('boolean') selected!: boolean;
  @Column('timestamptz', { name: 'selected_date_time', nullable: true }) selectedDateTime!: Date | null;
  @Column('boolean', { name: 'ignore_update_window' }) ignoreUpdateWindow!: boolean;
  @Column('timestamptz', { name: 'scheduled_for', nullable: true }) scheduledFor!: Date | null;
  @Column('timestamptz', { name: 'window_closes_at', nullable: true }) windowClosesAt!: Date | null;
  @Column('jsonb', { name: 'blocking_extensions' }) blockingExtensions!: BlockingExtensionData[];
  @Column('text', { name: 'failure_reason', nullable: true }) failureReason!: string | null;
  @Column('timestamptz', { name: 'available_at' }) availableAt!: Date;
  @Column('timestamptz', { name: 'started_at', nullable: true }) startedAt!: Date | null;
  @Column('timestamptz', { name: 'completed_at', nullable: true }) completedAt!: Date | null;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
  /** Held while its environment is soft-deleted: not started, not missed. */
  @Column('boolean') held!: boolean;

  toDomain(): Update {
    return {
      id: this.id,
      tenantId: this.tenantId,
      environmentName: this.environmentName,
      partnerId: this.partnerId,
      targetVersion: this.targetVersion,
      status: this.status,
      operationId: this.operationId,
      selected: this.selected,
      selectedDateTime: this.selectedDateTime,
      ignoreUpdateWindow: this.ignoreUpdateWindow,
      scheduledFor: this.scheduledFor,
      windowClosesAt: this.windowClosesAt,
      blockingExtensions: this.blockingExtensions,
      failureReason: this.failureReason,
      availableAt: this.availableAt,
      startedAt: this.startedAt,
      completedAt: this.completedAt,
      updatedAt: this.updatedAt,
      held: this.held,
    };
  }
}
