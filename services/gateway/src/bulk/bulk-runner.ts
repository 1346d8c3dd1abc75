import { createHash } from 'node:crypto';
import { ProblemException } from '@pac/bootstrap';
import {
  bulkItemError,
  type BulkItemOutcome,
  type BulkItemResult,
  type BulkItemStatus,
  type BulkResponse,
} from '@pac/http-contracts';
import type { CallContext } from '../upstream/upstream';

/** A tenant as the tenant service answers it; actions read what they need from it. */
export interface TenantRecord {
  id: string;
  [field: string]: unknown;
}

/** How the bulk mechanism learns which tenants the caller has (the tenant service, scoped by the caller). */
export interface TenantLookup {
  /** Every tenant of the caller's partner, in the tenant service's order. Throws if it cannot be listed. */
  listAll(context: CallContext): Promise<TenantRecord[]>;
  /** The tenant if the caller may see it, undefined if not (another partner's is "not found" too). */
  find(context: CallContext, tenantId: string): Promise<TenantRecord | undefined>;
}

/**
 * The per-tenant part of a bulk action: given a tenant the caller may act on, do the work and say how it
 * went, once or once per environment. A ProblemException (the service refused or did not answer) fails the
 * tenant's item with that problem; any other throw fails it as an unexpected error.
 */
export type TenantAction = (tenant: TenantRecord, context: CallContext) => Promise<BulkItemOutcome[]>;

export interface BulkOptions {
  tenants: TenantLookup;
  /** Most per-tenant actions running at once. */
  concurrency: number;
  context: CallContext;
  onUnexpectedError?: (error: unknown, tenantId: string) => void;
}

/**
 * Runs one action on many tenants: ids (deduplicated, in the order given) or "all" of the caller's partner.
 * Listed ids the caller may not see are "not-found" items (never "forbidden": another partner's tenant is not
 * revealed). At most `concurrency` tenants are worked on at once. Every tenant gets its result, whatever
 * happened to the others; nothing is rolled back.
 */
export async function runBulk(
  selection: string[] | 'all',
  action: TenantAction,
  options: BulkOptions,
): Promise<BulkResponse> {
  const targets: Array<{ tenantId: string; tenant?: TenantRecord }> =
    selection === 'all'
      ? (await options.tenants.listAll(options.context)).map((tenant) => ({ tenantId: tenant.id, tenant }))
      : [...new Set(selection.map((id) => id.toLowerCase()))].map((tenantId) => ({ tenantId }));

  const perTenant = await mapWithConcurrency(targets, options.concurrency, async ({ tenantId, tenant }) => {
    const context = itemContext(options.context, tenantId);
    try {
      const found = tenant ?? (await options.tenants.find(context, tenantId));
      if (!found) return [{ tenantId, status: 'not-found' as const }];
      return (await action(found, context)).map((item) => ({ tenantId, ...item }));
    } catch (error) {
      if (error instanceof ProblemException) {
        return [{ tenantId, status: 'failed' as const, error: bulkItemError(error.problem) }];
      }
      options.onUnexpectedError?.(error, tenantId);
      return [
        {
          tenantId,
          status: 'failed' as const,
          error: {
            status: 500,
            title: 'Internal Server Error',
            detail: 'this tenant could not be processed',
            code: 'internal-error',
          },
        },
      ];
    }
  });
  const results = perTenant.flat();
  return { results, summary: summarize(results) };
}

/**
 * The per-tenant call context: same caller and request id; a bulk request's Idempotency-Key becomes one key
 * per tenant, so that retrying the bulk request replays each tenant's first answer instead of acting twice.
 */
export function itemContext(context: CallContext, tenantId: string): CallContext {
  if (context.idempotencyKey === undefined) return context;
  const digest = createHash('sha256').update(context.idempotencyKey).digest('hex').slice(0, 40);
  return { ...context, idempotencyKey: `bulk-${digest}-${tenantId}` };
}

export function summarize(results: BulkItemResult[]): Partial<Record<BulkItemStatus, number>> {
  const summary: Partial<Record<BulkItemStatus, number>> = {};
  for (const { status } of results) summary[status] = (summary[status] ?? 0) + 1;
  return summary;
}

/** Maps items with at most `limit` in flight; results keep the items' order. `work` must not throw. */
export async function mapWithConcurrency<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}
