import type { BeforeApplicationShutdown, OnApplicationBootstrap } from '@nestjs/common';
import { isAdjustable, type Clock } from '@pac/clock';
import type { Logger } from 'pino';
import type { IdempotencyStore } from './idempotency.store';

export const IDEMPOTENCY_PURGE_INTERVAL_MS = 10 * 60_000;

/**
 * Deletes idempotency keys past their 24 h: every 10 minutes, and at once when the (adjustable) clock moves,
 * so a test that moves time forward sees expired keys gone. A key past its time is ignored by lookups even
 * before it is purged; the purge only keeps the table small.
 */
export class IdempotencyKeyPurge implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private timer: NodeJS.Timeout | undefined;
  private unsubscribe: (() => void) | undefined;

  constructor(
    private readonly store: IdempotencyStore,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly intervalMs = IDEMPOTENCY_PURGE_INTERVAL_MS,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.purge(), this.intervalMs).unref();
    if (isAdjustable(this.clock)) this.unsubscribe = this.clock.onChange(() => this.purge());
  }

  beforeApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
    this.unsubscribe?.();
  }

  async purge(): Promise<void> {
    try {
      const purged = await this.store.purgeExpired();
      if (purged > 0) this.logger.debug({ purged }, 'expired idempotency keys purged');
    } catch (error) {
      this.logger.warn({ err: error }, 'idempotency key purge failed; will retry');
    }
  }
}
