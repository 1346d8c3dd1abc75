import { Inject, Injectable } from '@nestjs/common';
import { GATEWAY_SELF, hashTelemetryKey } from '@pac/auth';
import { LOGGER, problem, ProblemException, type Logger } from '@pac/bootstrap';
import { Clock } from '@pac/clock';
import type { TelemetryKeyResolution } from '@pac/http-contracts';
import { GatewayConfig } from '../gateway.config';
import { jsonOf, problemOf, Upstream } from '../upstream/upstream';

interface Learnt {
  /** Which environment the key writes, or null: no such key (or revoked). */
  resolution: TelemetryKeyResolution | null;
  expiresAt: number;
}

/** Longer than any key we make: a header of another kind is refused without hashing it. */
const MAX_KEY_LENGTH = 200;

/**
 * Which environment an ingestion key writes, without a database round trip per request: the gateway has no
 * database, so it asks the telemetry service (`POST /telemetry-keys/resolve`, by the key's SHA-256: the
 * secret never leaves the gateway) and remembers the answer, found or not, for TELEMETRY_KEY_CACHE_TTL_MS by
 * the gateway's clock. That is the documented revocation delay: a revoked key is refused by every gateway
 * instance at most that long after. At most TELEMETRY_KEY_CACHE_SIZE keys are remembered (the oldest
 * learnt go first); concurrent requests with the same unknown key share one question.
 */
@Injectable()
export class TelemetryKeyCache {
  private readonly learnt = new Map<string, Learnt>();
  private readonly asking = new Map<string, Promise<TelemetryKeyResolution | null>>();

  constructor(
    private readonly upstream: Upstream,
    private readonly config: GatewayConfig,
    private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** The key's environment, or a 401 telemetry-key-invalid problem (503 when the telemetry service is down). */
  async resolve(header: string | string[] | undefined, requestId: string): Promise<TelemetryKeyResolution> {
    const key = Array.isArray(header) ? header[0] : header;
    if (!key || key.length > MAX_KEY_LENGTH) throw invalidKey('an x-telemetry-key header is required');
    const hash = hashTelemetryKey(key);
    const now = this.clock.now().getTime();
    const known = this.learnt.get(hash);
    const resolution =
      known && known.expiresAt > now ? known.resolution : await this.askOnce(hash, requestId);
    if (!resolution) throw invalidKey('the telemetry key is unknown or revoked');
    return resolution;
  }

  private askOnce(hash: string, requestId: string): Promise<TelemetryKeyResolution | null> {
    let pending = this.asking.get(hash);
    if (!pending) {
      pending = this.ask(hash, requestId).finally(() => this.asking.delete(hash));
      this.asking.set(hash, pending);
    }
    return pending;
  }

  private async ask(hash: string, requestId: string): Promise<TelemetryKeyResolution | null> {
    const answer = await this.upstream.call(
      'telemetry',
      { method: 'POST', path: '/telemetry-keys/resolve', body: { keyHash: hash } },
      { caller: GATEWAY_SELF, requestId },
    );
    let resolution: TelemetryKeyResolution | null;
    if (answer.status === 200 && jsonOf<TelemetryKeyResolution>(answer)) {
      resolution = jsonOf<TelemetryKeyResolution>(answer)!;
    } else if (answer.status === 404) {
      resolution = null;
    } else {
      // Not an answer about the key (the service or its database is down): nothing is learnt.
      this.logger.warn({ status: answer.status, requestId }, 'telemetry key could not be checked');
      throw new ProblemException(problemOf(answer));
    }
    this.remember(hash, resolution);
    return resolution;
  }

  private remember(hash: string, resolution: TelemetryKeyResolution | null): void {
    this.learnt.delete(hash);
    while (this.learnt.size >= this.config.TELEMETRY_KEY_CACHE_SIZE) {
      const oldest = this.learnt.keys().next().value as string;
      this.learnt.delete(oldest);
    }
    this.learnt.set(hash, {
      resolution,
      expiresAt: this.clock.now().getTime() + this.config.TELEMETRY_KEY_CACHE_TTL_MS,
    });
  }
}

function invalidKey(detail: string): ProblemException {
  return new ProblemException(problem(401, detail, { code: 'telemetry-key-invalid' }));
}
