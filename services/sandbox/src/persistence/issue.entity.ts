import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The telemetry service's issues as this service knows them (issue.opened): where a repro sandbox comes from. */
@Entity({ name: 'known_issues' })
export class KnownIssueEntity {
  @PrimaryColumn('uuid', { name: 'issue_id' }) issueId!: string;
  @Column('uuid', { name: 'tenant_id' }) tenantId!: string;
  @Column('uuid', { name: 'partner_id' }) partnerId!: string;
  @Column('text', { name: 'environment_name' }) environmentName!: string;
  @Column('text', { name: 'event_id' }) eventId!: string;
  @Column('timestamptz', { name: 'opened_at' }) openedAt!: Date;
}
