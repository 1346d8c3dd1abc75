/** The six processes of the system and the ports they listen on by default (PORT_BASE + offset). */
export const DOMAIN_SERVICES = ['tenant', 'lifecycle', 'notification', 'telemetry', 'sandbox'] as const;
export type DomainService = (typeof DOMAIN_SERVICES)[number];
export type ServiceName = 'gateway' | DomainService;

export const PORT_OFFSETS: Record<ServiceName, number> = {
  gateway: 0,
  tenant: 1,
  lifecycle: 2,
  notification: 3,
  telemetry: 4,
  sandbox: 5,
};

/** Development password of a service's database role (kept with the provisioning in @pac/persistence). */
export { developmentDatabasePassword } from '@pac/persistence';
