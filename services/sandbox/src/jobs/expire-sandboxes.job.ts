import { Injectable } from '@nestjs/common';
import { anyRow, type ClockDrivenJob } from '@pac/bootstrap';
import { DataSource } from 'typeorm';
import { decideExpiry } from '../domain/sandbox';
import { claimSandbox, expiredSandboxIds, saveSandbox } from '../persistence/sandboxes';
import { SandboxConfig } from '../sandbox.config';

const BATCH = 100;

/**
 * Expiry on the clock: a ready sandbox whose expiresAt has passed goes `deleting` (marked as expiring); the
 * saga withdraws its copy and it ends `expired` (sandbox.expired). Runs whenever the clock moves.
 */
@Injectable()
export class ExpireSandboxesJob implements ClockDrivenJob {
  readonly name = 'expire-sandboxes';
  readonly everyMs: number;

  constructor(
    private readonly dataSource: DataSource,
    config: SandboxConfig,
  ) {
    this.everyMs = config.SANDBOX_EXPIRY_INTERVAL_MS;
  }

  async run(now: Date): Promise<void> {
    for (;;) {
      const done = await this.dataSource.transaction(async (manager) => {
        const ids = await expiredSandboxIds(manager, now, BATCH);
        for (const id of ids) {
          const sandbox = await claimSandbox(manager, id);
          const expiring = sandbox ? decideExpiry(sandbox, now) : null;
          if (expiring) await saveSandbox(manager, expiring);
        }
        return ids.length;
      });
      if (done < BATCH) return;
    }
  }

  hasWork(now: Date): Promise<boolean> {
    return anyRow(this.dataSource, `SELECT 1 FROM sandboxes WHERE status = 'ready' AND expires_at <= $1`, [
      now,
    ]);
  }
}
