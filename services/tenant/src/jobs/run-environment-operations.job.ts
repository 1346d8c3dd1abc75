import { Injectable } from '@nestjs/common';
import type { ClockDrivenJob } from '@pac/bootstrap';
import { DataSource } from 'typeorm';
import { EnvironmentOperations } from '../application/environment-operations';
import { anyScheduledEnvironmentChange } from '../persistence/operations';
import { TenantConfig } from '../tenant.config';

/**
 * Runs the scheduled environment changes (rename, soft delete, recover) an instance left behind (each is
 * normally run right after its request, by EnvironmentOperations.runSoon): every
 * ENVIRONMENT_PREPARATION_INTERVAL_MS and whenever the clock moves.
 */
@Injectable()
export class RunEnvironmentOperationsJob implements ClockDrivenJob {
  readonly name = 'run-environment-operations';
  readonly everyMs: number;

  constructor(
    private readonly operations: EnvironmentOperations,
    private readonly dataSource: DataSource,
    config: TenantConfig,
  ) {
    this.everyMs = config.ENVIRONMENT_PREPARATION_INTERVAL_MS;
  }

  run(now: Date): Promise<void> {
    return this.operations.runAllScheduled(now);
  }

  hasWork(): Promise<boolean> {
    return anyScheduledEnvironmentChange(this.dataSource);
  }
}
