import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { InternalTokenSigner, type Caller } from '@pac/auth';
import { problem, PROBLEM_CONTENT_TYPE } from '@pac/bootstrap';
import {
  IDEMPOTENCY_KEY_HEADER,
  IDEMPOTENT_REPLAYED_HEADER,
  IDEMPOTENT_WRITE_METHODS,
} from '@pac/http-contracts';
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

/** Who a call is made for: the verified caller, the request id, and the write's idempotency key if any. */
export interface CallContext {
  caller?: Caller;
  requestId: string;
  idempotencyKey?: string;
}

export interface UpstreamAnswer {
  status: number;
  contentType: string | undefined;
  /** The answer's headers that the gateway passes on to its client. */
  headers: Record<string, string>;
  text: string;
}

/** Headers of a service's answer that reach the client as they are. */
const PASSED_ON_HEADERS = ['content-type', 'retry-after', IDEMPOTENT_REPLAYED_HEADER, 'location'];

/**
 * The gateway's way to the services' internal HTTP APIs: one keep-alive pool per service. Answers are passed
 * through as they are (status, JSON or problem+json), so the services own their error details.
 */
@Injectable()
export class Upstream implements OnApplicationShutdown {
  private readonly pools: Record<ServiceName, Pool>;
  /** Tells each service who calls, in a token only the gateway can sign (libs/auth internal-token.ts). */
  private readonly internalTokens: InternalTokenSigner;

  constructor(config: GatewayConfig) {
    this.internalTokens = new InternalTokenSigner(config.INTERNAL_AUTH_SECRET);
    const pool = (url: string) => new Pool(url, { connections: config.UPSTREAM_CONNECTIONS, pipelining: 1 });
    this.pools = {
      tenant: pool(config.TENANT_URL),
      lifecycle: pool(config.LIFECYCLE_URL),
      notification: pool(config.NOTIFICATION_URL),
      telemetry: pool(config.TELEMETRY_URL),
      sandbox: pool(config.SANDBOX_URL),
    };
  }

  /** Calls a service on behalf of the caller and writes its answer to the reply (503 if it is unreachable). */
  async forward(
    service: ServiceName,
    call: UpstreamCall,
    request: FastifyRequest & { caller?: Caller },
    reply: FastifyReply,
  ): Promise<void> {
    try {
      // The body goes on as the bytes that came: never decoded, re-encoded nor measured again.
      const answer = await this.send(service, call, contextOf(request));
      const body = Buffer.from(await answer.body.arrayBuffer());
      reply.status(answer.statusCode);
      for (const name of PASSED_ON_HEADERS) {
        const value = firstOf(answer.headers[name]);
        if (value !== undefined) reply.header(name, value);
      }
      // Without a content type of its own, a Buffer would go as application/octet-stream: text as before.
      reply.send(answer.headers['content-type'] === undefined ? body.toString() : body);
    } catch (error) {
      replyUnreachable(service, error, request, reply);
    }
  }

  /** Calls a service and returns its answer; throws only when the service cannot be reached. */
  async call(service: ServiceName, call: UpstreamCall, context: CallContext): Promise<UpstreamAnswer> {
    const answer = await this.send(service, call, context);
    const text = await answer.body.text();
    const headers: Record<string, string> = {};
    for (const name of PASSED_ON_HEADERS) {
      const value = firstOf(answer.headers[name]);
      if (value !== undefined) headers[name] = value;
    }
    return { status: answer.statusCode, contentType: headers['content-type'], headers, text };
  }

  private send(service: ServiceName, call: UpstreamCall, context: CallContext) {
    const headers: Record<string, string> = { 'x-request-id': context.requestId };
    if (context.caller) Object.assign(headers, this.internalTokens.headersFor(context.caller));
    if (call.body !== undefined) headers['content-type'] = 'application/json';
    if (context.idempotencyKey !== undefined && IDEMPOTENT_WRITE_METHODS.has(call.method)) {
      headers[IDEMPOTENCY_KEY_HEADER] = context.idempotencyKey;
    }
    return this.pools[service].request({
      method: call.method,
      path: call.path + queryString(call.query),
      headers,
      ...(call.body !== undefined ? { body: JSON.stringify(call.body) } : {}),
    });
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

/** The context of a public request: its caller, its id, and its Idempotency-Key (forwarded on writes). */
export function contextOf(request: FastifyRequest & { caller?: Caller }): CallContext {
  const header = request.headers[IDEMPOTENCY_KEY_HEADER];
  const idempotencyKey = Array.isArray(header) ? header[0] : header;
  return {
    requestId: request.id,
    ...(request.caller ? { caller: request.caller } : {}),
    ...(idempotencyKey !== undefined ? { idempotencyKey } : {}),
  };
}

/** Writes an answer got with `call` to the reply as the service gave it (status, headers passed on, body). */
export function relay(answer: UpstreamAnswer, reply: FastifyReply): void {
  reply.status(answer.status).headers(answer.headers).send(answer.text);
}

/** 503 problem+json: a service the request needs cannot be reached. */
export function replyUnreachable(
  service: ServiceName,
  error: unknown,
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  request.log.error({ err: error, service }, 'service unreachable');
  reply
    .status(503)
    .header('content-type', PROBLEM_CONTENT_TYPE)
    .send(problem(503, `the ${service} service is not reachable; try again shortly`));
}

/** The JSON body of an answer, or undefined when it has none or it is not JSON. */
export function jsonOf<T>(answer: UpstreamAnswer): T | undefined {
  if (!answer.text) return undefined;
  try {
    return JSON.parse(answer.text) as T;
  } catch {
    return undefined;
  }
}

function firstOf(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
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
