import { eventually, type GatewayClient } from '@pac/testing';

/** Once the lifecycle service knows the environment (its update window answers), a release reaches it. */
export async function knownToLifecycle(client: GatewayClient, tenantId: string, name: string): Promise<void> {
  await eventually(
    () => client.get(`/v1/tenants/${tenantId}/environments/${encodeURIComponent(name)}/update-window`),
    (answer) => answer.status === 200,
  );
}

/** A new environment ready for lifecycle tests: active in the tenant service and known to the lifecycle service. */
export async function environmentSettled(
  client: GatewayClient,
  tenantId: string,
  name: string,
): Promise<void> {
  await eventually(
    () => client.get<{ status: string }>(`/v1/tenants/${tenantId}/environments/${encodeURIComponent(name)}`),
    (answer) => answer.status === 200 && answer.body.status === 'active',
  );
  await knownToLifecycle(client, tenantId, name);
}
