import type { SandboxStatus } from '@pac/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Sandbox, SandboxCaller, SandboxError, SandboxUpdateResult } from '../domain/sandbox';

@Entity({ name: 'sandboxes' })
export class SandboxEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid', { name: 'operation_id' }) operationId!: string;
  @Column('uuid', { name: 'tenant_id' }) tenantId!: string;
  @Column('uuid', { name: 'partner_id' }) partnerId!: string;
  @Column('text') name!: string;
  @Column('text', { name: 'source_environment' }) sourceEnvironment!: string;
  @Column('text', { name: 'target_version', nullable: true }) targetVersion!: string | null;
  @Column('integer', { name: 'expires_in_days' }) expiresInDays!: number;
  @Column('text') status!: SandboxStatus;
  @Column('integer') attempt!: number;
  @Column('uuid', { name: 'copy_operation_id', nullable: true }) copyOperationId!: string | null;
  @Column('text', { name: 'application_version', nullable: true }) applicationVersion!: string | null;
  @Column('jsonb', { name: 'update_result', nullable: true }) updateResult!: SandboxUpdateResult | null;
  @Column('uuid', { name: 'issue_id', nullable: true }) issueId!: string | null;
  @Column('jsonb') caller!: SandboxCaller;
  @Column('jsonb', { nullable: true }) error!: SandboxError | null;
  @Column('timestamptz', { name: 'expires_at', nullable: true }) expiresAt!: Date | null;
  @Column('timestamptz', { name: 'expiry_warned_at', nullable: true }) expiryWarnedAt!: Date | null;
  @Column('boolean') expiring!: boolean;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;

  static fromDomain(sandbox: Sandbox): SandboxEntity {
    return Object.assign(new SandboxEntity(), {
      ...sandbox,
      expiresAt: sandbox.expiresAt ? new Date(sandbox.expiresAt) : null,
      expiryWarnedAt: sandbox.expiryWarnedAt ? new Date(sandbox.expiryWarnedAt) : null,
      createdAt: new Date(sandbox.createdAt),
      updatedAt: new Date(sandbox.updatedAt),
    });
  }

  toDomain(): Sandbox {
    return {
      id: this.id,
      operationId: this.operationId,
      tenantId: this.tenantId,
      partnerId: this.partnerId,
      name: this.name,
      sourceEnvironment: this.sourceEnvironment,
      targetVersion: this.targetVersion,
      expiresInDays: this.expiresInDays,
      status: this.status,
      attempt: this.attempt,
      copyOperationId: this.copyOperationId,
      applicationVersion: this.applicationVersion,
      updateResult: this.updateResult,
      issueId: this.issueId,
      caller: this.caller,
      error: this.error,
      expiresAt: this.expiresAt?.toISOString() ?? null,
      expiryWarnedAt: this.expiryWarnedAt?.toISOString() ?? null,
      expiring: this.expiring,
      createdAt: this.createdAt.toISOString(),
      updatedAt: this.updatedAt.toISOString(),
    };
  }
}
