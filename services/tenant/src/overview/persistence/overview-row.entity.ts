import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One row per customer of the central view, kept up to date from events (never computed per request). */
@Entity({ name: 'overview' })
export class OverviewRowEntity {
  @PrimaryColumn('uuid', { name: 'tenant_id' }) tenantId!: string;
  @Column('uuid', { name: 'partner_id' }) partnerId!: string;
  @Column('text') name!: string;
  @Column('char', { name: 'country_code', length: 2 }) countryCode!: string;
  @Column('text') status!: string;
  @Column('text', { array: true }) tags!: string[];
  @Column('integer', { name: 'production_environments' }) productionEnvironments!: number;
  @Column('integer', { name: 'sandbox_environments' }) sandboxEnvironments!: number;
  @Column('text', { array: true }) versions!: string[];
  /** Filled by the lifecycle events (issue 4): the earliest scheduled update, the latest finished one. */
  @Column('jsonb', { name: 'next_update', nullable: true }) nextUpdate!: object | null;
  @Column('jsonb', { name: 'last_update_result', nullable: true }) lastUpdateResult!: object | null;
  @Column('text', { name: 'update_status' }) updateStatus!: string;
  /** Filled by the telemetry and notification events. */
  @Column('integer', { name: 'open_issues' }) openIssues!: number;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;

  /** The key of keyset pages. */
  get id(): string {
    return this.tenantId;
  }
}

/** The environments of each customer as the central view knows them, to recount on every change. */
@Entity({ name: 'overview_environments' })
export class OverviewEnvironmentEntity {
  @PrimaryColumn('uuid', { name: 'tenant_id' }) tenantId!: string;
  @PrimaryColumn('text') name!: string;
  @Column('text') type!: string;
  @Column('text') status!: string;
  @Column('text', { name: 'application_version' }) applicationVersion!: string;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
}

/**
 * Each update of each environment of a customer as the central view knows it (`OverviewUpdate`, from the
 * update.* events), to recompute the customer's next update, last result and update status on every change.
 */
@Entity({ name: 'overview_updates' })
export class OverviewUpdateEntity {
  @PrimaryColumn('uuid', { name: 'tenant_id' }) tenantId!: string;
  @PrimaryColumn('uuid', { name: 'update_id' }) updateId!: string;
  /** The OverviewUpdate itself (free-form JSON is beyond TypeORM's typing). */
  @Column('jsonb') state!: object;
}

/** One issue of a customer as the view knows it (its status as of its latest issue.* event). */
@Entity({ name: 'overview_issues' })
export class OverviewIssueEntity {
  @PrimaryColumn('uuid', { name: 'tenant_id' }) tenantId!: string;
  @PrimaryColumn('uuid', { name: 'issue_id' }) issueId!: string;
  @Column('text') status!: string;
  @Column('timestamptz') at!: Date;
}
