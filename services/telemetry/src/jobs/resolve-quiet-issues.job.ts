import { Injectable } from '@nestjs/common';
import type { ClockDrivenJob } from '@pac/bootstrap';
import { Outbox } from '@pac/messaging';
import { DataSource } from 'typeorm';
import { saveAndAnnounceIssues } from '../application/issue-events';
import { decideResolve, type IssueChange } from '../domain/issue';
import { shortestQuietMinutes } from '../persistence/issue-rules';
import { anyIssueQuietBy, claimQuietIssues } from '../persistence/issues';
import { TelemetryConfig } from '../telemetry.config';

const BATCH = 500;

/**
 * Resolves the active issues that have been quiet (no error counted) for their tenant's quiet period:
 * issue.resolved with resolution `quiet`. Claims them FOR UPDATE SKIP LOCKED, a batch per transaction. Runs
 * every ISSUE_RESOLUTION_INTERVAL_MS and whenever the clock moves.
 */
@Injectable()
export class ResolveQuietIssuesJob implements ClockDrivenJob {
  readonly name = 'resolve-quiet-issues';
  readonly everyMs: number;

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly config: TelemetryConfig,
  ) {
    this.everyMs = config.ISSUE_RESOLUTION_INTERVAL_MS;
  }

  async hasWork(now: Date): Promise<boolean> {
    const manager = this.dataSource.manager;
    return anyIssueQuietBy(manager, now, await shortestQuietMinutes(manager, this.config.defaultIssueRule));
  }

  async run(now: Date): Promise<{ resolved: number }> {
    let resolved = 0;
    for (;;) {
      const count = await this.dataSource.transaction(async (manager) => {
        const quiet = await claimQuietIssues(manager, now, this.config.ISSUE_QUIET_MINUTES, BATCH);
        const changes = quiet
          .map((issue) => decideResolve(issue, 'quiet', now))
          .filter((decision) => decision.ok)
          .map((decision) => decision.value as IssueChange);
        await saveAndAnnounceIssues(manager, this.outbox, changes, now);
        return quiet.length;
      });
      resolved += count;
      if (count < BATCH) return { resolved };
    }
  }
}
