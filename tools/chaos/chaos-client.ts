import { randomUUID } from 'node:crypto';
import type { RouteOwner, TrafficLog } from './traffic-log';

export type Outcome<T> =
  | { kind: 'done'; status: number; body: T }
  /** A definite refusal (4xx): nothing was written. */
  | { kind: 'refused'; status: number; body: unknown }
  /** Still failing after every retry: whether it was written is unknown. */
  | { kind: 'unanswered'; status: number; body: unknown };

/** Statuses after which the same request is sent again with the same Idempotency-Key. */
const RETRIED = new Set([0, 409, 500, 502, 503, 504]);
/** How long a write is retried before it counts as unanswered (every fault of a run heals well before). */
const GIVE_UP_AFTER_MS = 120_000;

/**
 * The load's way to the gateway, as a careful integrator would call it: every write carries an
 * Idempotency-Key and is retried with the same key after a network error or a 5xx (or 409 while its first
 * attempt still runs), until it gets a definite answer. Every exchange is logged for the figures.
 */
export class ChaosClient {
  private readonly gatewayUrls: string[];
  private next = 0;

  /** Several gateway URLs (instances): calls go round-robin, as a load balancer in front of them would. */
  constructor(
    gatewayUrl: string | string[],
    private readonly token: string,
    private readonly log: TrafficLog,
  ) {
    this.gatewayUrls = Array.isArray(gatewayUrl) ? gatewayUrl : [gatewayUrl];
  }

  async read(owner: RouteOwner, path: string): Promise<number> {
    const status = await this.exchange(owner, 'GET', path, undefined, {});
    return status.status;
  }

  /** A write, retried with its key until it is answered 2xx or refused with a 4xx other than 409 in-progress. */
  async write<T>(owner: RouteOwner, method: string, path: string, body: unknown): Promise<Outcome<T>> {
    const key = randomUUID();
    const giveUpAt = Date.now() + GIVE_UP_AFTER_MS;
    for (let attempt = 0; ; attempt += 1) {
      const answer = await this.exchange(owner, method, path, body, { 'idempotency-key': key });
      if (answer.status >= 200 && answer.status < 300) {
        return { kind: 'done', status: answer.status, body: answer.body as T };
      }
      const inProgress =
        answer.status === 409 &&
        (answer.body as { code?: string } | undefined)?.code === 'idempotency-key-in-progress';
      if (!RETRIED.has(answer.status) || (answer.status === 409 && !inProgress)) {
        return { kind: 'refused', status: answer.status, body: answer.body };
      }
      if (Date.now() > giveUpAt) return { kind: 'unanswered', status: answer.status, body: answer.body };
      await new Promise((resolve) => setTimeout(resolve, Math.min(100 * 2 ** Math.min(attempt, 4), 1_000)));
    }
  }

  private async exchange(
    owner: RouteOwner,
    method: string,
    path: string,
    body: unknown,
    headers: Record<string, string>,
  ): Promise<{ status: number; body: unknown }> {
    let status = 0;
    let parsed: unknown;
    // A load balancer sends a request whose connection was refused to the next instance: nothing was sent.
    for (let tried = 0; tried < this.gatewayUrls.length && status === 0; tried++) {
      const gatewayUrl = this.gatewayUrls[this.next++ % this.gatewayUrls.length]!;
      try {
        const response = await fetch(`${gatewayUrl}${path}`, {
          method,
          headers: {
            authorization: `Bearer ${this.token}`,
            ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
            ...headers,
          },
          ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
          signal: AbortSignal.timeout(15_000),
        });
        status = response.status;
        const text = await response.text();
        parsed = text ? (JSON.parse(text) as unknown) : undefined;
      } catch (error) {
        if (status !== 0 || !connectionRefused(error)) break;
      }
    }
    this.log.record(owner, status);
    return { status, body: parsed };
  }
}

function connectionRefused(error: unknown): boolean {
  return (error as { cause?: { code?: unknown } } | null)?.cause?.code === 'ECONNREFUSED';
}
