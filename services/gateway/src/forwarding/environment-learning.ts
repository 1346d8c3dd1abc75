import { SetMetadata } from '@nestjs/common';
import type { EnvironmentResponse, EnvironmentSnapshotRequest, TenantResponse } from '@pac/http-contracts';
import { jsonOf, type CallContext, type Upstream, type UpstreamAnswer } from '../upstream/upstream';
import { fillRoute } from './internal-path';

const LEARNS_UNKNOWN_ENVIRONMENT = Symbol('learns-unknown-environment');

/**
 * On a route of an environment (`:tenantId`, `:name`) of a service that knows environments from the tenant
 * service's events: when that service answers 404 for the tenant or the environment, the environment may
 * exist and its events not have arrived yet. The gateway then asks the tenant service, which owns
 * environments, for it as the caller sees it; if it is there, it relays that snapshot to the service
 * (`PUT .../snapshot`) and sends the request again, once, under the environment's own name (paths find an
 * environment in any case). No route answers 404 for an environment the environments resource shows
 * (docs/lifecycle.md, consistency across services).
 */
export const LearnsUnknownEnvironment = (): MethodDecorator => SetMetadata(LEARNS_UNKNOWN_ENVIRONMENT, true);

export function learnsUnknownEnvironment(handler: object): boolean {
  return Reflect.getMetadata(LEARNS_UNKNOWN_ENVIRONMENT, handler) === true;
}

/** The 404s that may only mean "not known here yet". */
const UNKNOWN_CODES = new Set(['environment-not-found', 'tenant-not-found']);

export function isUnknownEnvironment(answer: UpstreamAnswer): boolean {
  if (answer.status !== 404) return false;
  const code = jsonOf<{ code?: string }>(answer)?.code;
  return code !== undefined && UNKNOWN_CODES.has(code);
}

/**
 * Relays the tenant service's snapshot of an environment to `service`; returns the environment's own name,
 * or undefined when the tenant service does not show it to the caller (the 404 stands) or cannot say.
 */
export async function relayEnvironmentSnapshot(
  upstream: Upstream,
  service: 'lifecycle',
  context: CallContext,
  tenantId: string,
  name: string,
): Promise<string | undefined> {
  try {
    const [tenantAnswer, environmentAnswer] = await Promise.all([
      upstream.call(
        'tenant',
        { method: 'GET', path: fillRoute('/tenants/:tenantId', { tenantId }) },
        context,
      ),
      upstream.call(
        'tenant',
        { method: 'GET', path: fillRoute('/tenants/:tenantId/environments/:name', { tenantId, name }) },
        context,
      ),
    ]);
    const tenant = tenantAnswer.status === 200 ? jsonOf<TenantResponse>(tenantAnswer) : undefined;
    const environment =
      environmentAnswer.status === 200 ? jsonOf<EnvironmentResponse>(environmentAnswer) : undefined;
    if (!tenant || !environment) return undefined;
    const snapshot: Omit<EnvironmentSnapshotRequest, 'occurredAt'> = {
      tenantId,
      partnerId: tenant.partnerId,
      tenant: { name: tenant.name, status: tenant.status },
      environment: {
        name: environment.name,
        type: environment.type,
        status: environment.status,
        applicationVersion: environment.applicationVersion,
        countryCode: environment.countryCode,
        extensions: [],
      },
    };
    // Not the request's write: its Idempotency-Key stays for the request itself.
    const { idempotencyKey: _key, ...withoutKey } = context;
    const learned = await upstream.call(
      service,
      {
        method: 'PUT',
        path: fillRoute('/tenants/:tenantId/environments/:name/snapshot', {
          tenantId,
          name: environment.name,
        }),
        body: { ...snapshot, occurredAt: environment.createdAt },
      },
      withoutKey,
    );
    return learned.status === 204 ? environment.name : undefined;
  } catch {
    // The tenant service or the service cannot be reached now: the service's own 404 stands.
    return undefined;
  }
}
