import type { DataSource, EntityManager } from 'typeorm';

/**
 * The lanes a release is offered in (release_distribution_lanes): ranges of tenant ids, each with its cursor,
 * the last environment offered in (tenant_id, name) order, so that a crash resumes where it stopped.
 */
export interface Lane {
  tenantFrom: string;
  /** Exclusive; null: to the end. */
  tenantTo: string | null;
  after: { tenantId: string; name: string } | null;
}

/** Creates the release's lanes once (a second call, or another instance's, changes nothing). */
export async function openLanes(
  dataSource: DataSource,
  version: string,
  lanes: ReadonlyArray<{ from: string; to: string | null }>,
): Promise<void> {
  await dataSource.query(
    `INSERT INTO release_distribution_lanes (version, lane, tenant_from, tenant_to)
     SELECT $1, lane - 1, tenant_from, tenant_to
       FROM unnest($2::uuid[], $3::uuid[]) WITH ORDINALITY AS l (tenant_from, tenant_to, lane)
     ON CONFLICT DO NOTHING`,
    [version, lanes.map((l) => l.from), lanes.map((l) => l.to)],
  );
}

/** A lane not done yet, locked for this transaction; undefined if done or another instance is on it. */
export async function claimOpenLane(
  manager: EntityManager,
  version: string,
  lane: number,
): Promise<Lane | undefined> {
  const [row] = (await manager.query(
    `SELECT tenant_from, tenant_to, cursor_tenant, cursor_name FROM release_distribution_lanes
      WHERE version = $1 AND lane = $2 AND done_at IS NULL FOR UPDATE SKIP LOCKED`,
    [version, lane],
  )) as {
    tenant_from: string;
    tenant_to: string | null;
    cursor_tenant: string | null;
    cursor_name: string | null;
  }[];
  if (!row) return undefined;
  return {
    tenantFrom: row.tenant_from,
    tenantTo: row.tenant_to,
    after: row.cursor_tenant ? { tenantId: row.cursor_tenant, name: row.cursor_name ?? '' } : null,
  };
}

/** Moves a lane's cursor to the last environment offered (none: it stays), and marks it done at `now`. */
export async function moveLane(
  manager: EntityManager,
  version: string,
  lane: number,
  last: { tenantId: string; name: string } | undefined,
  done: { at: Date } | undefined,
): Promise<void> {
  await manager.query(
    `UPDATE release_distribution_lanes
        SET cursor_tenant = coalesce($3, cursor_tenant), cursor_name = coalesce($4, cursor_name),
            done_at = $5::timestamptz
      WHERE version = $1 AND lane = $2`,
    [version, lane, last?.tenantId ?? null, last?.name ?? null, done?.at ?? null],
  );
}

export async function openLaneCount(dataSource: DataSource, version: string): Promise<number> {
  const [{ open }] = (await dataSource.query(
    `SELECT count(*)::int AS open FROM release_distribution_lanes WHERE version = $1 AND done_at IS NULL`,
    [version],
  )) as [{ open: number }];
  return open;
}
