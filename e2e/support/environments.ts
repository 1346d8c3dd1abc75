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

/** A platform admin grants the tenant `additional` production environments beyond the default one. */
export async function grantProductionEnvironments(
  platform: GatewayClient,
  tenantId: string,
  additional: number,
): Promise<void> {
  const granted = await platform.send('PUT', `/v1/tenants/${tenantId}/environment-quotas`, {
    additionalProductionEnvironments: additional,
  });
  if (granted.status !== 200) throw new Error(`granting environments answered ${granted.status}`);
}

/** Sends a change answered 202 with its operation (delete, recover, rename) and waits until it succeeded. */
export async function environmentChanged(
  client: GatewayClient,
  method: string,
  path: string,
  body?: unknown,
): Promise<void> {
  const accepted = await client.send<{ id: string }>(method, path, body);
  if (accepted.status !== 202) throw new Error(`${method} ${path} answered ${accepted.status}`);
  await eventually(
    () => client.get<{ status: string }>(`/v1/operations/${accepted.body.id}`),
    (answer) => answer.body.status === 'succeeded',
  );
}

/** Soft-deletes an environment and answers the name the deletion gave it (`<name>-yyMMddHHmmssff`). */
export async function softDeleted(client: GatewayClient, tenantId: string, name: string): Promise<string> {
  await environmentChanged(
    client,
    'DELETE',
    `/v1/tenants/${tenantId}/environments/${encodeURIComponent(name)}`,
  );
  const list = await client.get<{ items: Array<{ name: string; nameBeforeDeletion: string | null }> }>(
    `/v1/tenants/${tenantId}/environments?limit=200`,
  );
  const deleted = list.body.items.find((e) => e.nameBeforeDeletion === name);
  if (!deleted) throw new Error(`${name} was not soft-deleted`);
  return deleted.name;
}
