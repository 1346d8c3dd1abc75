import { createHash } from 'node:crypto';
import { ProblemException } from '@pac/bootstrap';
import type { BulkItemError, BulkItemResult, BulkItemStatus, BulkResponse } from '@pac/http-contracts';
import type { CallContext, UpstreamAnswer } from '../upstream/upstream';

/** A tenant as the tenant service answers it; actions read what they need from it. */
export interface TenantRecord {
  id: string;
  status?: string;
  tags?: string[];
  [field: string]: unknown;
}

/** How the bulk mechanism learns which tenants the caller has (the tenant service, scoped by the caller). */
export interface TenantLookup {
  /** Every tenant of the caller's partner, in the tenant service's order. Throws if it cannot be listed. */
  listAll(context: CallContext): Promise<TenantRecord[]>;
  /** The tenant if the caller may see it, undefined if not (another partner's is "not found" too). */
  find(context: CallContext, tenantId: string): Promise<TenantRecord | undefined>;
}

/** One result of an action, without its tenant id (the runner adds it). */
export type ItemOutcome = Omit<BulkItemResult, 'tenantId'>;

/**
 * The per-tenant part of a bulk action: given a tenant the caller may act on, do the work (usually one call
 * to the owning service) and say how it went, once or once per environment. Errors are results, not throws;
 * a throw is reported as a failed item.
 */
export type TenantAction = (
  tenant: TenantRecord,
  context: CallContext,
) => Promise<ItemOutcome | ItemOutcome[]>;

export interface BulkOptions {
  tenants: TenantLookup;
  /** Most per-tenant actions running at once. */
  concurrency: number;
  context: CallContext;
  onUnexpectedError?: (error: unknown, tenantId: string) => void;
}

/** Problem details raised while looking a tenant up, reported on its item. */
export class ItemFailure extends Error {
  constructor(readonly error: BulkItemError) {
    super(error.detail ?? error.title);
  }
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
      const outcome = await action(found, context);
      return (Array.isArray(outcome) ? outcome : [outcome]).map((item) => ({ tenantId, ...item }));
    } catch (error) {
      if (error instanceof ItemFailure) return [{ tenantId, status: 'failed' as const, error: error.error }];
      // The service this tenant's work needed did not answer (503, 504): that tenant's item fails.
      if (error instanceof ProblemException) {
        return [{ tenantId, status: 'failed' as const, error: itemErrorOf(error.problem) }];
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

/** How a service's answer to one tenant's call reads as an item: 2xx done (202: started), 404, or failed. */
export function outcomeOf(answer: UpstreamAnswer, environmentName?: string): ItemOutcome {
  const where = environmentName !== undefined ? { environmentName } : {};
  if (answer.status >= 200 && answer.status < 300) {
    if (answer.status === 202) {
      const operationId = parseJson<{ id?: unknown }>(answer.text)?.id;
      return { ...where, status: 'accepted', ...(typeof operationId === 'string' ? { operationId } : {}) };
    }
    return { ...where, status: 'succeeded' };
  }
  return { ...where, status: answer.status === 404 ? 'not-found' : 'failed', error: errorOf(answer) };
}

/** The problem details of a failed answer, reduced to what a bulk item carries. */
export function errorOf(answer: UpstreamAnswer): BulkItemError {
  return itemErrorOf({ ...parseJson<Partial<BulkItemError>>(answer.text), status: answer.status });
}

/** Problem details reduced to what a bulk item carries. */
function itemErrorOf(body: Partial<BulkItemError> & { status: number }): BulkItemError {
  return {
    status: body.status,
    title: typeof body.title === 'string' ? body.title : `HTTP ${body.status}`,
    ...(typeof body.detail === 'string' ? { detail: body.detail } : {}),
    ...(Array.isArray(body.errors) ? { errors: body.errors } : {}),
  };
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

function parseJson<T>(text: string): T | undefined {
  try {
    return text ? (JSON.parse(text) as T) : undefined;
  } catch {
    return undefined;
  }
}
