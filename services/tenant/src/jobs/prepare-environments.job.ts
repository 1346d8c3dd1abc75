import { Injectable } from '@nestjs/common';
import type { ClockDrivenJob } from '@pac/bootstrap';
import { DataSource } from 'typeorm';
import { EnvironmentPreparation } from '../application/environment-preparation';
import { anyRunningOperation } from '../persistence/operations';
import { TenantConfig } from '../tenant.config';

/**
 * Completes the environment creations and copies an instance left behind (each is normally completed right after its
 * request, by EnvironmentPreparation.completeSoon): every ENVIRONMENT_PREPARATION_INTERVAL_MS and whenever the
 * clock moves.
 */
@Injectable()
export class PrepareEnvironmentsJob implements ClockDrivenJob {
  readonly name = 'prepare-environments';
  readonly everyMs: number;

  constructor(
    private readonly preparation: EnvironmentPreparation,
    private readonly dataSource: DataSource,
    config: TenantConfig,
  ) {
    this.everyMs = config.ENVIRONMENT_PREPARATION_INTERVAL_MS;
  }

  run(now: Date): Promise<void> {
    return this.preparation.completeAllRunning(now);
  }

  async hasWork(): Promise<boolean> {
    return (
      (await anyRunningOperation(this.dataSource, 'create')) ||
      (await anyRunningOperation(this.dataSource, 'copy'))
    );
  }
}
