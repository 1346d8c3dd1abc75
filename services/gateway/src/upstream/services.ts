import type { GatewayConfig } from '../gateway.config';

/** The domain services behind the gateway, each reached at `<NAME>_URL` (GatewayConfig). */
export const SERVICES = ['tenant', 'lifecycle', 'notification', 'telemetry', 'sandbox'] as const;

export type ServiceName = (typeof SERVICES)[number];

const URL_SETTINGS: Record<ServiceName, keyof GatewayConfig> = {
  tenant: 'TENANT_URL',
  lifecycle: 'LIFECYCLE_URL',
  notification: 'NOTIFICATION_URL',
  telemetry: 'TELEMETRY_URL',
  sandbox: 'SANDBOX_URL',
};

/** Where a service's internal HTTP API is: one URL, or one per instance. */
export function serviceUrls(config: GatewayConfig, service: ServiceName): string[] {
  const value = config[URL_SETTINGS[service]];
  return Array.isArray(value) ? value.map(String) : [String(value)];
}
