import { Inject, Req, RequestMethod, Res } from '@nestjs/common';
import { METHOD_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import type { FastifyReply } from 'fastify';
import type { AuthenticatedRequest } from '../auth/auth.guard';
import type { ServiceName } from '../upstream/services';
import { contextOf, relay, Upstream, type UpstreamCall } from '../upstream/upstream';
import {
  isUnknownEnvironment,
  learnsUnknownEnvironment,
  relayEnvironmentSnapshot,
} from './environment-learning';
import { fillRoute, internalRoute } from './internal-path';

/** Where @ForwardsTo puts the Upstream in a controller (injected by Nest like a constructor parameter). */
const UPSTREAM = Symbol('upstream');

type ForwardingController = { [UPSTREAM]: Upstream };

/**
 * Makes every route of a controller a forward to the service that owns it: the controller only declares
 * each route (path, `@RequiresAccess`, the `@pac/http-contracts` classes of its body and query, its OpenAPI
 * description), with an empty body. A request that passed the guards and validation goes to `service` with
 * the same method, the same path without `/v1` (each parameter encoded, see internal-path.ts), the validated
 * query and body, and the caller; the service's answer comes back as it is (status, body, passed-on headers).
 *
 * How: each route method is replaced by one that forwards, keeping the route's metadata (Nest's and the
 * OpenAPI document's) and its name; it also receives the request and the reply (`@Req`, `@Res`, added after
 * the declared parameters). A route marked `@LearnsUnknownEnvironment()` gets the service's 404 for an
 * environment it does not know yet answered by relaying the tenant service's snapshot first
 * (environment-learning.ts).
 */
export function ForwardsTo(service: ServiceName): ClassDecorator {
  return (target) => {
    const prototype = target.prototype as Record<string, unknown>;
    Inject(Upstream)(prototype, UPSTREAM);
    for (const name of Object.getOwnPropertyNames(prototype)) {
      const declared = prototype[name];
      if (name === 'constructor' || typeof declared !== 'function') continue;
      const method = Reflect.getMetadata(METHOD_METADATA, declared) as RequestMethod | undefined;
      if (method === undefined) continue;
      prototype[name] = forwarder(service, prototype, name, declared, method);
    }
  };
}

function forwarder(
  service: ServiceName,
  prototype: object,
  name: string,
  declared: object,
  method: RequestMethod,
): (this: ForwardingController, ...values: unknown[]) => Promise<void> {
  const httpMethod = RequestMethod[method] as UpstreamCall['method'];
  const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, prototype.constructor, name) ?? {}) as Record<
    string,
    { index: number; data?: unknown }
  >;
  // The whole body and the whole query (a @pac/http-contracts class): what validation let through is sent.
  const wholeOf = (type: RouteParamtypes) =>
    Object.entries(args).find(
      ([key, arg]) => Number(key.split(':')[0]) === type && arg.data === undefined,
    )?.[1].index;
  const bodyAt = wholeOf(RouteParamtypes.BODY);
  const queryAt = wholeOf(RouteParamtypes.QUERY);
  const requestAt = Math.max(-1, ...Object.values(args).map((arg) => arg.index)) + 1;
  Req()(prototype, name, requestAt);
  Res()(prototype, name, requestAt + 1);

  const learning = learnsUnknownEnvironment(declared);
  const forward = async function (this: ForwardingController, ...values: unknown[]): Promise<void> {
    const request = values[requestAt] as AuthenticatedRequest;
    const route = internalRoute(request.routeOptions.url ?? '');
    const params = request.params as Record<string, string | undefined>;
    const callTo = (path: string): UpstreamCall => ({
      method: httpMethod,
      path,
      ...(queryAt !== undefined ? { query: values[queryAt] as Record<string, unknown> } : {}),
      ...(bodyAt !== undefined ? { body: values[bodyAt] } : {}),
    });
    const reply = values[requestAt + 1] as FastifyReply;
    const upstream = this[UPSTREAM];
    if (!learning || service !== 'lifecycle') {
      return upstream.forward(service, callTo(fillRoute(route, params)), request, reply);
    }
    const context = contextOf(request);
    const answer = await upstream.call(service, callTo(fillRoute(route, params)), context);
    if (!isUnknownEnvironment(answer)) return relay(answer, reply);
    const name = await relayEnvironmentSnapshot(
      upstream,
      service,
      context,
      params['tenantId'] ?? '',
      params['name'] ?? '',
    );
    if (name === undefined) return relay(answer, reply);
    relay(await upstream.call(service, callTo(fillRoute(route, { ...params, name })), context), reply);
  };
  Object.defineProperty(forward, 'name', { value: name });
  for (const key of Reflect.getOwnMetadataKeys(declared)) {
    Reflect.defineMetadata(key, Reflect.getOwnMetadata(key, declared), forward);
  }
  return forward;
}
