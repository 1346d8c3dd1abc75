import { overviewEnvironmentProjection } from './consumers/overview-environment-projection';
import { overviewTenantProjection } from './consumers/overview-tenant-projection';
import { CreateOverview1767225600100 } from './persistence/migrations/1767225600100-create-overview';
import { IndexOverviewFilters1767225600410 } from './persistence/migrations/1767225600410-index-overview-filters';
import { OverviewEnvironmentEntity, OverviewRowEntity } from './persistence/overview-row.entity';
import { ListOverviewHttp } from './queries/list-overview.http';

/**
 * The central view (GET /v1/overview): a read model fed by events only, one row per customer. This issue
 * fills the customer and environment columns; the lifecycle, telemetry and notification events fill the rest.
 */
export const OverviewReadModel = {
  entities: [OverviewRowEntity, OverviewEnvironmentEntity],
  migrations: [CreateOverview1767225600100, IndexOverviewFilters1767225600410],
  projections: () => [...overviewTenantProjection(), ...overviewEnvironmentProjection()],
  controllers: [ListOverviewHttp],
};
