import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import { signWebhookBody, WEBHOOK_SIGNATURE_HEADER } from '@pac/http-contracts';
import { Agent } from 'undici';
import type { AttemptOutcome } from '../domain/delivery';
import { CLOUD_EVENTS_JSON } from '../domain/cloud-event';
import { isAllowedAddress, targetPolicy, type TargetPolicy } from '../domain/webhook-target';
import { NotificationConfig } from '../notification.config';

/** One signed POST of a webhook delivery. */
export interface WebhookRequest {
  url: string;
  secret: string;
  /** The CloudEvents JSON document, as sent. */
  body: string;
  webhookId: string;
  deliveryId: string;
  /** The signature's time (unix seconds): the service's clock. */
  unixSeconds: number;
}

/** Where the target policy refused a delivery: it fails like an unreachable receiver, with this reason. */
export class TargetRefused extends Error {}

/**
 * Sends webhook deliveries: a POST of the CloudEvents document with its signature, over keep-alive
 * connections, within WEBHOOK_TIMEOUT_MS. Every connection is checked against the target policy after DNS
 * resolution (the addresses the name resolves to at that moment, so a name rebound to an internal address is
 * refused too), and a target given as an address is checked as it is.
 */
@Injectable()
export class WebhookSender implements OnApplicationShutdown {
  readonly policy: TargetPolicy;
  private readonly agent: Agent;
  private readonly timeoutMs: number;

  constructor(config: NotificationConfig) {
    this.policy = targetPolicy(config.isProduction, config.WEBHOOK_ALLOW_PRIVATE_TARGETS);
    this.timeoutMs = config.WEBHOOK_TIMEOUT_MS;
    this.agent = new Agent({
      connections: 16,
      connectTimeout: config.WEBHOOK_TIMEOUT_MS,
      headersTimeout: config.WEBHOOK_TIMEOUT_MS,
      bodyTimeout: config.WEBHOOK_TIMEOUT_MS,
      connect: { lookup: this.checkedLookup },
    });
  }

  /** Whether a target URL may be called now: its host's addresses (resolved) are all allowed. */
  async refusalOf(url: string): Promise<string | undefined> {
    const { hostname } = new URL(url);
    const host = hostname.replace(/^\[|\]$/g, '');
    const addresses = isIP(host) ? [host] : await resolveAll(host).catch(() => []);
    if (addresses.length === 0) return `${host} does not resolve`;
    const refused = addresses.find((address) => !isAllowedAddress(address, this.policy));
    return refused === undefined
      ? undefined
      : `${host} resolves to ${refused}, an address webhooks may not reach`;
  }

  async send(request: WebhookRequest): Promise<AttemptOutcome> {
    const started = performance.now();
    const elapsed = () => performance.now() - started;
    const host = new URL(request.url).hostname.replace(/^\[|\]$/g, '');
    // An address in the URL is never looked up: check it here.
    if (isIP(host) && !isAllowedAddress(host, this.policy)) {
      return {
        ok: false,
        statusCode: null,
        error: `${host} is an address webhooks may not reach`,
        latencyMs: 0,
      };
    }
    try {
      const answer = await this.agent.request({
        origin: new URL(request.url).origin,
        path: pathOf(request.url),
        method: 'POST',
        headers: {
          'content-type': CLOUD_EVENTS_JSON,
          'user-agent': 'PartnerAdminCenter-Webhooks/1',
          [WEBHOOK_SIGNATURE_HEADER]: signWebhookBody(request.secret, request.unixSeconds, request.body),
          'x-webhook-id': request.webhookId,
          'x-delivery-id': request.deliveryId,
        },
        body: request.body,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      await answer.body.dump({ limit: 64 * 1024 });
      const ok = answer.statusCode >= 200 && answer.statusCode < 300;
      return ok
        ? { ok, statusCode: answer.statusCode, latencyMs: elapsed() }
        : { ok, statusCode: answer.statusCode, error: `answered ${answer.statusCode}`, latencyMs: elapsed() };
    } catch (error) {
      return { ok: false, statusCode: null, error: describe(error), latencyMs: elapsed() };
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.agent.destroy();
  }

  /** DNS resolution that refuses a name resolving to any address the policy does not allow. */
  private readonly checkedLookup: LookupFunction = (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '', 4);
      const refused = addresses.find((a) => !isAllowedAddress(a.address, this.policy));
      if (refused) {
        return callback(
          new TargetRefused(`${hostname} resolves to ${refused.address}, an address webhooks may not reach`),
          '',
          4,
        );
      }
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
      const first = addresses[0]!;
      callback(null, first.address, first.family);
    });
  };
}

function resolveAll(host: string): Promise<string[]> {
  return new Promise((resolve, reject) =>
    dnsLookup(host, { all: true }, (error, addresses) =>
      error ? reject(error) : resolve(addresses.map((a) => a.address)),
    ),
  );
}

function pathOf(url: string): string {
  const parsed = new URL(url);
  return `${parsed.pathname}${parsed.search}`;
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as Error & { cause?: unknown }).cause;
  const reason = cause instanceof Error ? cause.message : error.message;
  return (error.name === 'TimeoutError' ? 'no answer in time' : reason).slice(0, 500);
}
