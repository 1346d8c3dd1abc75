import { Inject, Injectable } from '@nestjs/common';
import { LOGGER, type Logger } from '@pac/bootstrap';
import { Clock } from '@pac/clock';
import { Outbox } from '@pac/messaging';
import { DataSource } from 'typeorm';
import { afterCopyAsked, afterCopyProgress, afterWithdrawn, type Sandbox } from '../domain/sandbox';
import { claimSandbox, sagaHeads, saveSandbox } from '../persistence/sandboxes';
import { announceSandbox } from './sandbox-events';
import { TenantService, TenantServiceUnavailable } from './tenant-service';

/** Tenants whose next step runs per pass. */
const HEADS_PER_PASS = 500;
/** Steps run at once: each holds a connection of the pool while it calls the tenant service. */
const STEPS_AT_ONCE = 8;

/**
 * The sandbox saga (docs/sandboxes.md). Each pass takes every tenant's oldest sandbox with work (so one
 * tenant's copies run one after another, in request order) and runs its next step in a transaction that
 * holds its row (FOR UPDATE SKIP LOCKED): the step's call to the tenant service, then the new state and its
 * event. Every call is idempotent (an Idempotency-Key per sandbox and attempt; a withdrawal of what is
 * gone is done), so a service killed anywhere runs the step again after its restart with no second effect.
 * A tenant service that does not answer leaves the step for the next pass.
 */
@Injectable()
export class SandboxSaga {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
    private readonly tenants: TenantService,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** Runs one step of each tenant's head; returns how many steps changed something. */
  async pass(): Promise<number> {
    const heads = await sagaHeads(this.dataSource.manager, HEADS_PER_PASS);
    let changed = 0;
    for (let i = 0; i < heads.length; i += STEPS_AT_ONCE) {
      const results = await Promise.all(heads.slice(i, i + STEPS_AT_ONCE).map((id) => this.step(id)));
      changed += results.filter(Boolean).length;
    }
    return changed;
  }

  private async step(id: string): Promise<boolean> {
    try {
      return await this.dataSource.transaction(async (manager) => {
        const sandbox = await claimSandbox(manager, id);
        if (!sandbox) return false;
        const now = this.clock.now();
        const next = await this.next(sandbox, now);
        if (next === sandbox) return false;
        await saveSandbox(manager, next);
        if (next.status !== sandbox.status) await announceSandbox(manager, this.outbox, next, now);
        return true;
      });
    } catch (error) {
      if (!(error instanceof TenantServiceUnavailable)) {
        this.logger.error({ err: error, sandboxId: id }, 'a sandbox saga step failed; it is tried again');
      }
      return false;
    }
  }

  private async next(sandbox: Sandbox, now: Date): Promise<Sandbox> {
    switch (sandbox.status) {
      case 'queued': {
        const answer = await this.tenants.copy(
          sandbox.caller,
          sandbox.tenantId,
          sandbox.sourceEnvironment,
          { environmentName: sandbox.name, refresh: sandbox.attempt > 1 },
          `sandbox-${sandbox.id}-copy-${sandbox.attempt}`,
        );
        return afterCopyAsked(sandbox, answer, now);
      }
      case 'copying': {
        if (!sandbox.copyOperationId) return sandbox;
        const progress = await this.tenants.copyProgress(sandbox.caller, sandbox.copyOperationId);
        return afterCopyProgress(sandbox, progress, now);
      }
      case 'canceling':
      case 'deleting':
        await this.tenants.withdraw(sandbox.caller, sandbox.tenantId, sandbox.name);
        return afterWithdrawn(sandbox, now);
      default:
        return sandbox;
    }
  }
}
