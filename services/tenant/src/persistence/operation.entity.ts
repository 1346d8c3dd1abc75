import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { OperationStatus, OperationType } from '@pac/contracts';
import type { Operation, OperationError } from '../domain/operation';

@Entity({ name: 'operations' })
export class OperationEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid', { name: 'tenant_id' }) tenantId!: string;
  /** The environment it acts on (internal: names change, ids do not); no foreign key, history outlives a purge. */
  @Column('uuid', { name: 'environment_id', nullable: true }) environmentId!: string | null;
  @Column('text', { name: 'environment_name', nullable: true }) environmentName!: string | null;
  @Column('text') type!: OperationType;
  @Column('text') status!: OperationStatus;
  @Column('text', { name: 'created_by' }) createdBy!: string;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  @Column('timestamptz', { name: 'started_at', nullable: true }) startedAt!: Date | null;
  @Column('timestamptz', { name: 'completed_at', nullable: true }) completedAt!: Date | null;
  @Column('jsonb', { nullable: true }) error!: OperationError | null;
  @Column('jsonb') parameters!: Record<string, unknown>;

  static fromDomain(operation: Operation): OperationEntity {
    return Object.assign(new OperationEntity(), {
      ...operation,
      createdAt: new Date(operation.createdAt),
      startedAt: operation.startedAt ? new Date(operation.startedAt) : null,
      completedAt: operation.completedAt ? new Date(operation.completedAt) : null,
    });
  }

  toDomain(): Operation {
    return {
      id: this.id,
      tenantId: this.tenantId,
      environmentId: this.environmentId,
      environmentName: this.environmentName,
      type: this.type,
      status: this.status,
      createdBy: this.createdBy,
      createdAt: this.createdAt.toISOString(),
      startedAt: this.startedAt?.toISOString() ?? null,
      completedAt: this.completedAt?.toISOString() ?? null,
      error: this.error,
      parameters: this.parameters,
    };
  }
}
