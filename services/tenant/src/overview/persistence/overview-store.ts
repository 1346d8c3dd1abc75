import type { TenantSnapshotData } from '@pac/contracts';
import type { EntityManager } from 'typeorm';
import type { EnvironmentSummary, OverviewEnvironment } from '../domain/overview-row';
import type { OverviewIssue } from '../domain/open-issues';
import type { OverviewUpdate, UpdateSummary } from '../domain/update-summary';
import {
  OverviewEnvironmentEntity,
  OverviewIssueEntity,
  OverviewRowEntity,
  OverviewUpdateEntity,
} from './overview-row.entity';

/**
 * The central view's writes, one module for the read model (its rows, and what it keeps of each customer's
 * environments and updates to derive them), inside the consumer's transaction (`manager`). Every write is the
 * newest state wins: an event older than what a row holds changes nothing.
 */

/** The customer columns, from a tenant.* snapshot (a new customer starts with empty other columns). */
export async function saveCustomer(manager: EntityManager, tenant: TenantSnapshotData): Promise<void> {
  const at = new Date(tenant.occurredAt);
  await manager
    .createQueryBuilder()
    .insert()
    .into(OverviewRowEntity)
    .values({
      tenantId: tenant.tenantId,
      partnerId: tenant.partnerId,
      name: tenant.name,
      countryCode: tenant.countryCode,
      status: tenant.status,
      tags: tenant.tags,
      productionEnvironments: 0,
      sandboxEnvironments: 0,
      versions: [],
      nextUpdate: null,
      lastUpdateResult: null,
      updateStatus: 'none',
      openIssues: 0,
      createdAt: at,
      updatedAt: at,
    })
    .orUpdate(['name', 'country_code', 'status', 'tags', 'updated_at'], ['tenant_id'], {
      overwriteCondition: { where: 'overview.updated_at <= EXCLUDED.updated_at' },
    })
    .execute();
}

/** Adds `delta` (negative: notifications read) to a customer's count of unread notifications. */
export async function addUnreadNotifications(
  manager: EntityManager,
  tenantId: string,
  delta: number,
): Promise<void> {
  await manager.query(
    `INSERT INTO overview_unread_notifications (tenant_id, unread) VALUES ($1, $2)
     ON CONFLICT (tenant_id) DO UPDATE SET unread = overview_unread_notifications.unread + EXCLUDED.unread`,
    [tenantId, delta],
  );
}

/** What the view keeps of one environment, as of `at`. */
export async function saveEnvironment(
  manager: EntityManager,
  tenantId: string,
  environment: OverviewEnvironment,
  at: Date,
): Promise<void> {
  await manager
    .createQueryBuilder()
    .insert()
    .into(OverviewEnvironmentEntity)
    .values({ tenantId, ...environment, updatedAt: at })
    .orUpdate(['type', 'status', 'application_version', 'updated_at'], ['tenant_id', 'name'], {
      overwriteCondition: { where: 'overview_environments.updated_at <= EXCLUDED.updated_at' },
    })
    .execute();
}

export async function removeEnvironment(
  manager: EntityManager,
  tenantId: string,
  name: string,
): Promise<void> {
  await manager.getRepository(OverviewEnvironmentEntity).delete({ tenantId, name });
}

export async function environmentsOfCustomer(
  manager: EntityManager,
  tenantId: string,
): Promise<OverviewEnvironment[]> {
  const rows = await manager.getRepository(OverviewEnvironmentEntity).find({ where: { tenantId } });
  return rows.map((row) => ({
    name: row.name,
    type: row.type as OverviewEnvironment['type'],
    status: row.status as OverviewEnvironment['status'],
    applicationVersion: row.applicationVersion,
  }));
}

/** The environment columns of a customer's row: counts and versions. */
export async function saveEnvironmentColumns(
  manager: EntityManager,
  tenantId: string,
  summary: EnvironmentSummary,
): Promise<void> {
  await manager.getRepository(OverviewRowEntity).update(
    { tenantId },
    {
      productionEnvironments: summary.production,
      sandboxEnvironments: summary.sandbox,
      versions: summary.versions,
    },
  );
}

/** Each update of a customer's environments as the view knows it, by update id. */
export async function updatesOfCustomer(
  manager: EntityManager,
  tenantId: string,
): Promise<Map<string, OverviewUpdate>> {
  const rows = await manager.getRepository(OverviewUpdateEntity).find({ where: { tenantId } });
  return new Map(rows.map((row) => [row.updateId, row.state as OverviewUpdate]));
}

export async function saveUpdate(
  manager: EntityManager,
  tenantId: string,
  updateId: string,
  state: OverviewUpdate,
): Promise<void> {
  await manager
    .getRepository(OverviewUpdateEntity)
    .upsert({ tenantId, updateId, state }, ['tenantId', 'updateId']);
}

/** The update columns of a customer's row: next update, last result, status. */
export async function saveUpdateColumns(
  manager: EntityManager,
  tenantId: string,
  summary: UpdateSummary,
): Promise<void> {
  await manager.getRepository(OverviewRowEntity).update(
    { tenantId },
    {
      nextUpdate: summary.nextUpdate,
      lastUpdateResult: summary.lastUpdateResult,
      updateStatus: summary.updateStatus,
    },
  );
}

/** Each issue of a customer as the view knows it, by issue id. */
export async function issuesOfCustomer(
  manager: EntityManager,
  tenantId: string,
): Promise<Map<string, OverviewIssue>> {
  const rows = await manager.getRepository(OverviewIssueEntity).find({ where: { tenantId } });
  return new Map(
    rows.map((row) => [
      row.issueId,
      { status: row.status as OverviewIssue['status'], at: row.at.toISOString() },
    ]),
  );
}

export async function saveIssue(
  manager: EntityManager,
  tenantId: string,
  issueId: string,
  issue: OverviewIssue,
): Promise<void> {
  await manager
    .getRepository(OverviewIssueEntity)
    .upsert({ tenantId, issueId, status: issue.status, at: new Date(issue.at) }, ['tenantId', 'issueId']);
}

/** The issue column of a customer's row. */
export async function saveOpenIssues(
  manager: EntityManager,
  tenantId: string,
  openIssues: number,
): Promise<void> {
  await manager.getRepository(OverviewRowEntity).update({ tenantId }, { openIssues });
}
