import { OverviewIssueProjection } from './consumers/overview-issue-projection';
import { OverviewEnvironmentProjection } from './consumers/overview-environment-projection';
import { OverviewNotificationProjection } from './consumers/overview-notification-projection';
import { OverviewTenantProjection } from './consumers/overview-tenant-projection';
import { OverviewUpdateProjection } from './consumers/overview-update-projection';
import { CreateOverview1767225600100 } from './persistence/migrations/1767225600100-create-overview';
import { IndexOverviewFilters1767225600410 } from './persistence/migrations/1767225600410-index-overview-filters';
import { CreateOverviewUpdates1767225600420 } from './persistence/migrations/1767225600420-create-overview-updates';
import { CreateOverviewIssues1767400000100 } from './persistence/migrations/1767400000100-create-overview-issues';
import { CreateOverviewUnreadNotifications1767500000100 } from './persistence/migrations/1767500000100-create-overview-unread-notifications';
import {
  OverviewEnvironmentEntity,
  OverviewIssueEntity,
  OverviewRowEntity,
  OverviewUpdateEntity,
} from './persistence/overview-row.entity';
import { ListOverviewHttp } from './queries/list-overview.http';

/**
 * The central view (GET /v1/overview): a read model fed by events only, one row per customer: the customer
 * and environment columns from the tenant events, the update columns (nextUpdate, lastUpdateResult,
 * updateStatus) from the lifecycle events, `openIssues` from the telemetry service's issue.* events, the
 * unread notifications from the notification events.
 */
export const OverviewReadModel = {
  entities: [OverviewRowEntity, OverviewEnvironmentEntity, OverviewUpdateEntity, OverviewIssueEntity],
  migrations: [
    CreateOverview1767225600100,
    IndexOverviewFilters1767225600410,
    CreateOverviewUpdates1767225600420,
    CreateOverviewIssues1767400000100,
    CreateOverviewUnreadNotifications1767500000100,
  ],
  projections: [
    OverviewTenantProjection,
    OverviewEnvironmentProjection,
    OverviewUpdateProjection,
    OverviewIssueProjection,
    OverviewNotificationProjection,
  ],
  controllers: [ListOverviewHttp],
};
