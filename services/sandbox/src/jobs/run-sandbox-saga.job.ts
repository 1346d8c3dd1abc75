import { Injectable } from '@nestjs/common';
import { anyRow, type ClockDrivenJob } from '@pac/bootstrap';
import { DataSource } from 'typeorm';
import { SandboxSaga } from '../application/saga';
import { SAGA_STATUSES } from '../domain/sandbox';
import { SandboxConfig } from '../sandbox.config';

/** Runs the saga's steps (SandboxSaga) every SANDBOX_SAGA_INTERVAL_MS while any sandbox has work. */
@Injectable()
export class RunSandboxSagaJob implements ClockDrivenJob {
  readonly name = 'run-sandbox-saga';
  readonly everyMs: number;

  constructor(
    private readonly saga: SandboxSaga,
    private readonly dataSource: DataSource,
    config: SandboxConfig,
  ) {
    this.everyMs = config.SANDBOX_SAGA_INTERVAL_MS;
  }

  async run(): Promise<void> {
    // Steps that changed something may have made the next one possible at once (the next of a tenant's queue).
    for (let pass = 0; pass < 10; pass++) if ((await this.saga.pass()) === 0) return;
  }

  hasWork(): Promise<boolean> {
    const statuses = SAGA_STATUSES.map((s) => `'${s}'`).join(', ');
    return anyRow(this.dataSource, `SELECT 1 FROM sandboxes WHERE status IN (${statuses})`);
  }
}
