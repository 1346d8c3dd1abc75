/**
 * Where a customer's updates stand in the central view (`updateStatus`), the first that applies: `running`,
 * `failed` / `missed` (the last attempt's result), `scheduled`, `available`, `succeeded`, `none`
 * (services/tenant/src/overview/domain/update-summary.ts derives it).
 */
export const OVERVIEW_UPDATE_STATUSES = [
  'none',
  'available',
  'scheduled',
  'running',
  'succeeded',
  'failed',
  'missed',
] as const;
export type OverviewUpdateStatus = (typeof OVERVIEW_UPDATE_STATUSES)[number];
