import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { callerToHeaders, type Caller } from '@pac/auth';
import { problem, PROBLEM_CONTENT_TYPE } from '@pac/bootstrap';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Pool } from 'undici';
import { GatewayConfig } from '../gateway.config';

export type ServiceName = 'tenant' | 'lifecycle' | 'notification' | 'telemetry' | 'sandbox';

export interface UpstreamCall {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  query?: Record<string, unknown>;
  body?: unknown;
}

/**
 * The gateway's way to the services' internal HTTP APIs: one keep-alive pool per service. Answers are passed
 * through as they are (status, JSON or problem+json), so the services own their error details.
 */
@Injectable()
export class Upstream implements OnApplicationShutdown {
  private readonly pools: Record<ServiceName, Pool>;

  constructor(config: GatewayConfig) {
    const pool = (url: string) => new Pool(url, { connections: config.UPSTREAM_CONNECTIONS, pipelining: 1 });
    this.pools = {
      tenant: pool(config.TENANT_URL),
      lifecycle: pool(config.LIFECYCLE_URL),
      notification: pool(config.NOTIFICATION_URL),
      telemetry: pool(config.TELEMETRY_URL),
      sandbox: pool(config.SANDBOX_URL),
    };
  }

  /** Calls a service on behalf of the caller and writes its answer to the reply. */
  async forward(
    service: ServiceName,
    call: UpstreamCall,
    request: FastifyRequest & { caller?: Caller },
    reply: FastifyReply,
  ): Promise<void> {
    try {
      const answer = await this.pools[service].request({
        method: call.method,
        path: call.path + queryString(call.query),
        headers: {
          'x-request-id': request.id,
          ...(call.body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...(request.caller ? callerToHeaders(request.caller) : {}),
        },
        ...(call.body !== undefined ? { body: JSON.stringify(call.body) } : {}),
      });
      const contentType = answer.headers['content-type'];
      const body = await answer.body.text();
      reply.status(answer.statusCode);
      if (contentType) reply.header('content-type', contentType);
      reply.send(body);
    } catch (error) {
      request.log.error({ err: error, service }, 'service unreachable');
      reply
        .status(503)
        .header('content-type', PROBLEM_CONTENT_TYPE)
        .send(problem(503, `the ${service} service is not reachable; try again shortly`));
    }
  }

  /** Whether a service answers its liveness probe. */
  async isLive(service: ServiceName): Promise<boolean> {
    try {
      const answer = await this.pools[service].request({ method: 'GET', path: '/health/live' });
      await answer.body.dump();
      return answer.statusCode === 200;
    } catch {
      return false;
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(Object.values(this.pools).map((pool) => pool.close()));
  }
}

function queryString(query: Record<string, unknown> | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.append(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}
