import type { GatewayClient } from '@pac/testing';

/**
 * Every update of an environment (GET .../updates, oldest version first), page after page: an environment
 * is offered every release of its major version published so far, and releases pile up across runs of the
 * suites on the same stack, beyond one page. Undefined when a page is refused (e.g. 404 before the lifecycle
 * service knows the environment).
 */
export async function updatesOf<U extends { targetVersion: string }>(
  client: GatewayClient,
  tenantId: string,
  environment: string,
): Promise<U[] | undefined> {
  const items: U[] = [];
  let cursor: string | null = null;
  do {
    const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
    const page = await client.get<{ items: U[]; nextCursor: string | null }>(
      `/v1/tenants/${tenantId}/environments/${encodeURIComponent(environment)}/updates?limit=200${query}`,
    );
    if (page.status !== 200) return undefined;
    items.push(...page.body.items);
    cursor = page.body.nextCursor;
  } while (cursor);
  return items;
}
