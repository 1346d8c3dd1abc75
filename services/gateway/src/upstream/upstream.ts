import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { InternalTokenSigner, type Caller } from '@pac/auth';
import { LOGGER, problem, ProblemException, type Logger, type ProblemDetails } from '@pac/bootstrap';
import {
  IDEMPOTENCY_KEY_HEADER,
  IDEMPOTENT_REPLAYED_HEADER,
  IDEMPOTENT_WRITE_METHODS,
} from '@pac/http-contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { context as traceContext, propagation } from '@opentelemetry/api';
import { BalancedPool, Pool, type Dispatcher } from 'undici';
import { GatewayConfig } from '../gateway.config';
import { SERVICES, serviceUrls, type ServiceName } from './services';
import { upstreamFailure } from './upstream-failure';

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
 * The gateway's way to the services' internal HTTP APIs: one keep-alive pool per service, so a service that
 * is down or hangs holds only its own connections. Answers are passed through as they are (status, JSON or
 * problem+json), so the services own their error details. A call that gets no answer throws a
 * ProblemException: 503 when the service cannot be reached, 504 when it does not answer within the
 * configured timeouts (undici's default would wait 300 s).
 */
@Injectable()
export class Upstream implements OnApplicationShutdown {
  private readonly pools: Record<ServiceName, Pool | BalancedPool>;
  /** Tells each service who calls, in a token only the gateway can sign (libs/auth internal-token.ts). */
  private readonly internalTokens: InternalTokenSigner;

  constructor(
    config: GatewayConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.internalTokens = new InternalTokenSigner(config.INTERNAL_AUTH_SECRET);
    const options: Pool.Options = {
      connections: config.UPSTREAM_CONNECTIONS,
      pipelining: 1,
      connectTimeout: config.UPSTREAM_CONNECT_TIMEOUT_MS,
      headersTimeout: config.UPSTREAM_HEADERS_TIMEOUT_MS,
      bodyTimeout: config.UPSTREAM_BODY_TIMEOUT_MS,
    };
    // Several instances of a service: undici balances the calls over them and weighs down one that fails.
    const pool = (urls: string[]) =>
      urls.length === 1 ? new Pool(urls[0]!, options) : new BalancedPool(urls, options);
    this.pools = Object.fromEntries(
      SERVICES.map((service) => [service, pool(serviceUrls(config, service))]),
    ) as Record<ServiceName, Pool | BalancedPool>;
  }

  /** Calls a service on behalf of the caller and writes its answer to the reply. */
  async forward(
    service: ServiceName,
    call: UpstreamCall,
    request: FastifyRequest & { caller?: Caller },
    reply: FastifyReply,
  ): Promise<void> {
    // The body goes on as the bytes that came: never decoded, re-encoded nor measured again.
    const { answer, body } = await this.exchange(service, call, contextOf(request), (b) => b.arrayBuffer());
    reply.status(answer.statusCode).headers(passedOn(answer.headers));
    // Without a content type of its own, a Buffer would go as application/octet-stream: text as before.
    const bytes = Buffer.from(body);
    reply.send(answer.headers['content-type'] === undefined ? bytes.toString() : bytes);
  }

  /** Calls a service and returns its answer (any status). */
  async call(service: ServiceName, call: UpstreamCall, context: CallContext): Promise<UpstreamAnswer> {
    const { answer, body: text } = await this.exchange(service, call, context, (b) => b.text());
    const headers = passedOn(answer.headers);
    return { status: answer.statusCode, contentType: headers['content-type'], headers, text };
  }

  /** Sends the call and reads the whole answer; no answer (unreachable, timed out) is a ProblemException. */
  private async exchange<B>(
    service: ServiceName,
    call: UpstreamCall,
    context: CallContext,
    read: (body: Dispatcher.ResponseData['body']) => Promise<B>,
  ): Promise<{ answer: Dispatcher.ResponseData; body: B }> {
    const headers: Record<string, string> = {
      'x-request-id': context.requestId,
      ...(context.caller ? this.internalTokens.headersFor(context.caller) : {}),
    };
    if (call.body !== undefined) headers['content-type'] = 'application/json';
    // The request's trace goes on to the service (a no-op while tracing is off).
    propagation.inject(traceContext.active(), headers);
    if (context.idempotencyKey !== undefined && IDEMPOTENT_WRITE_METHODS.has(call.method)) {
      headers[IDEMPOTENCY_KEY_HEADER] = context.idempotencyKey;
    }
    const send = async () => {
      const answer = await this.pools[service].request({
        method: call.method,
        path: call.path + queryString(call.query),
        headers,
        ...(call.body !== undefined ? { body: JSON.stringify(call.body) } : {}),
      });
      return { answer, body: await read(answer.body) };
    };
    try {
      try {
        return await send();
      } catch (error) {
        // An instance that refused the connection never saw the call: with several instances, the next one
        // gets it (a killed instance is not called again until it is back, once undici has weighed it down).
        if (!(this.pools[service] instanceof BalancedPool) || !refusedConnection(error)) throw error;
        return await send();
      }
    } catch (error) {
      this.logger.warn({ err: error, service, requestId: context.requestId }, 'service call got no answer');
      throw new ProblemException(upstreamFailure(service, error));
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(Object.values(this.pools).map((pool) => pool.close()));
  }
}

function refusedConnection(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'ECONNREFUSED';
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

/** The problem a service answered with, as it is; 502 when its answer is no problem details. */
export function problemOf(answer: UpstreamAnswer): ProblemDetails {
  const body = jsonOf<Partial<ProblemDetails>>(answer);
  if (
    body &&
    body.status === answer.status &&
    typeof body.code === 'string' &&
    typeof body.title === 'string'
  ) {
    return body as ProblemDetails;
  }
  return problem(502, `a service answered ${answer.status} without problem details`);
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

/** The headers of a service's answer that reach the client (PASSED_ON_HEADERS), the first value of each. */
function passedOn(headers: Dispatcher.ResponseData['headers']): Record<string, string> {
  const passed: Record<string, string> = {};
  for (const name of PASSED_ON_HEADERS) {
    const value = headers[name];
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined) passed[name] = first;
  }
  return passed;
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
