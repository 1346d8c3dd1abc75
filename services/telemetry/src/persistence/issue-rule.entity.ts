import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { IssueRule } from '../domain/issue';

/** A tenant's own issue rule; a tenant without one has the configured default. */
@Entity({ name: 'issue_rules' })
export class IssueRuleEntity {
  @PrimaryColumn('uuid', { name: 'tenant_id' }) tenantId!: string;
  @Column('uuid', { name: 'partner_id' }) partnerId!: string;
  @Column('integer') threshold!: number;
  @Column('integer', { name: 'window_minutes' }) windowMinutes!: number;
  @Column('integer', { name: 'quiet_minutes' }) quietMinutes!: number;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;

  toDomain(): IssueRule {
    return { threshold: this.threshold, windowMinutes: this.windowMinutes, quietMinutes: this.quietMinutes };
  }
}
