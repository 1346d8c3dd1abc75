import type { TenantSnapshotData } from '@pac/contracts';

export type Severity = 'info' | 'warning' | 'error';

/** An entry of a partner's inbox, caused by one event about one of its customers. */
export interface Notification {
  id: string;
  partnerId: string;
  tenantId: string;
  environmentName: string | null;
  type: string;
  severity: Severity;
  title: string;
  body: string;
  createdAt: string;
  readAt: string | null;
}

export type NotificationContent = Pick<Notification, 'severity' | 'title' | 'body'>;

/** What a partner reads when a customer is onboarded. */
export function tenantOnboardedContent(tenant: TenantSnapshotData): NotificationContent {
  return {
    severity: 'info',
    title: `${tenant.name} onboarded`,
    body: `${tenant.name} (${tenant.countryCode}) is now one of your customers. Create its environments to start managing its updates.`,
  };
}
