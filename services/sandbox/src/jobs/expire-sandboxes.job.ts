import { Injectable } from '@nestjs/common';
import { anyRow, type ClockDrivenJob } from '@pac/bootstrap';
import { SandboxExpiring } from '@pac/contracts';
import { Outbox } from '@pac/messaging';
import { DataSource } from 'typeorm';
import { sandboxEventData } from '../application/sandbox-events';
import { decideExpiry, decideExpiryWarning, EXPIRY_WARNING_DAYS } from '../domain/sandbox';
import { claimSandbox, expiringSandboxIds, saveSandbox } from '../persistence/sandboxes';
import { SandboxConfig } from '../sandbox.config';

const BATCH = 100;
const WARN_BEFORE_MS = EXPIRY_WARNING_DAYS * 86_400_000;

/**
 * Expiry on the clock. Three days before its expiry a ready sandbox announces it once (sandbox.expiring:
 * the notification service tells the partner); once the expiry has passed it goes `deleting` (marked as
 * expiring) and the saga withdraws its copy: it ends `expired` (sandbox.expired). Runs whenever the clock
 * moves, and every SANDBOX_EXPIRY_INTERVAL_MS.
 */
@Injectable()
export class ExpireSandboxesJob implements ClockDrivenJob {
  readonly name = 'expire-sandboxes';
  readonly everyMs: number;

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    config: SandboxConfig,
  ) {
    this.everyMs = config.SANDBOX_EXPIRY_INTERVAL_MS;
  }

  async run(now: Date): Promise<void> {
    for (;;) {
      const done = await this.dataSource.transaction(async (manager) => {
        const ids = await expiringSandboxIds(manager, now, WARN_BEFORE_MS, BATCH);
        for (const id of ids) {
          const sandbox = await claimSandbox(manager, id);
          if (!sandbox) continue;
          const warned = decideExpiryWarning(sandbox, now);
          const current = warned ?? sandbox;
          if (warned?.expiresAt) {
            await this.outbox.add(manager, {
              definition: SandboxExpiring,
              tenantId: warned.tenantId,
              environmentName: warned.name,
              data: { ...sandboxEventData(warned, now), expiresAt: warned.expiresAt },
            });
          }
          const expiring = decideExpiry(current, now);
          if (expiring || warned) await saveSandbox(manager, expiring ?? current);
        }
        return ids.length;
      });
      if (done < BATCH) return;
    }
  }

  hasWork(now: Date): Promise<boolean> {
    return anyRow(
      this.dataSource,
      `SELECT 1 FROM sandboxes WHERE status = 'ready'
         AND (expires_at <= $1 OR (expiry_warned_at IS NULL AND expires_at <= $2))`,
      [now, new Date(now.getTime() + WARN_BEFORE_MS)],
    );
  }
}
