import type { IssueResolution, IssueStatus } from '@pac/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Issue } from '../domain/issue';

const iso = (value: Date | null) => value?.toISOString() ?? null;
const date = (value: string | null) => (value ? new Date(value) : null);

@Entity({ name: 'issues' })
export class IssueEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid', { name: 'tenant_id' }) tenantId!: string;
  @Column('uuid', { name: 'partner_id' }) partnerId!: string;
  @Column('text', { name: 'environment_name' }) environmentName!: string;
  @Column('text', { name: 'event_id' }) eventId!: string;
  @Column('text') status!: IssueStatus;
  // bigint comes back from node-pg as a string
  @Column('bigint') count!: string;
  @Column('timestamptz', { name: 'first_seen_at' }) firstSeenAt!: Date;
  @Column('timestamptz', { name: 'last_seen_at' }) lastSeenAt!: Date;
  @Column('timestamptz', { name: 'last_counted_at' }) lastCountedAt!: Date;
  @Column('timestamptz', { name: 'acknowledged_at', nullable: true }) acknowledgedAt!: Date | null;
  @Column('text', { name: 'acknowledged_by', nullable: true }) acknowledgedBy!: string | null;
  @Column('timestamptz', { name: 'resolved_at', nullable: true }) resolvedAt!: Date | null;
  @Column('text', { nullable: true }) resolution!: IssueResolution | null;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;

  static fromDomain(issue: Issue): IssueEntity {
    return Object.assign(new IssueEntity(), {
      ...issue,
      count: String(issue.count),
      firstSeenAt: new Date(issue.firstSeenAt),
      lastSeenAt: new Date(issue.lastSeenAt),
      lastCountedAt: new Date(issue.lastCountedAt),
      acknowledgedAt: date(issue.acknowledgedAt),
      resolvedAt: date(issue.resolvedAt),
      createdAt: new Date(issue.createdAt),
    });
  }

  toDomain(): Issue {
    return {
      id: this.id,
      tenantId: this.tenantId,
      partnerId: this.partnerId,
      environmentName: this.environmentName,
      eventId: this.eventId,
      status: this.status,
      count: Number(this.count),
      firstSeenAt: this.firstSeenAt.toISOString(),
      lastSeenAt: this.lastSeenAt.toISOString(),
      lastCountedAt: this.lastCountedAt.toISOString(),
      acknowledgedAt: iso(this.acknowledgedAt),
      acknowledgedBy: this.acknowledgedBy,
      resolvedAt: iso(this.resolvedAt),
      resolution: this.resolution,
      createdAt: this.createdAt.toISOString(),
    };
  }
}
