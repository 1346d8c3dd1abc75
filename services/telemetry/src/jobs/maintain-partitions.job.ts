import { Inject, Injectable } from '@nestjs/common';
import { LOGGER, type ClockDrivenJob, type Logger } from '@pac/bootstrap';
import { DataSource } from 'typeorm';
import { DAY_MS, daysToPrepare, partitionsPastRetention } from '../domain/telemetry-retention';
import { purgeErrorCounts } from '../persistence/error-counts';
import { dropPartition, ensurePartitions, existingPartitionDays } from '../persistence/telemetry-partitions';
import { TelemetryConfig } from '../telemetry.config';

/**
 * Retention on the clock: drops the daily partitions whose rows are all past TELEMETRY_RETENTION_DAYS (a
 * DROP TABLE, not a DELETE: no dead rows, no vacuum), makes the partitions of the days still to come, and
 * forgets the per-minute error counters no issue window can reach any more. Runs every
 * TELEMETRY_PARTITION_INTERVAL_MS and whenever the clock moves.
 */
@Injectable()
export class MaintainPartitionsJob implements ClockDrivenJob {
  readonly name = 'maintain-telemetry-partitions';
  readonly everyMs: number;

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: TelemetryConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.everyMs = config.TELEMETRY_PARTITION_INTERVAL_MS;
  }

  async run(now: Date): Promise<{ dropped: string[] }> {
    const retentionDays = this.config.TELEMETRY_RETENTION_DAYS;
    const manager = this.dataSource.manager;
    const dropped = partitionsPastRetention(await existingPartitionDays(manager), now, retentionDays);
    for (const day of dropped) await dropPartition(manager, day);
    if (dropped.length > 0)
      this.logger.info({ dropped, retentionDays }, 'telemetry partitions past retention dropped');
    await ensurePartitions(manager, daysToPrepare(now, retentionDays));
    await purgeErrorCounts(manager, new Date(now.getTime() - DAY_MS));
    return { dropped };
  }
}
