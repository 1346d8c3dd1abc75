import { Inject, Injectable } from '@nestjs/common';
import { LOGGER, type ClockDrivenJob, type Logger } from '@pac/bootstrap';
import { DataSource } from 'typeorm';
import {
  DAY_MS,
  daysToIndexForSearch,
  daysToPrepare,
  partitionsPastRetention,
} from '../domain/telemetry-retention';
import { purgeErrorCounts } from '../persistence/error-counts';
import {
  daysIndexedForSearch,
  dropPartition,
  ensurePartitions,
  existingPartitionDays,
  indexForSearch,
} from '../persistence/telemetry-partitions';
import { TelemetryConfig } from '../telemetry.config';

/** How long after a day ends its partition gets the text-search index: most late events are in by then. */
const SEARCH_INDEX_SETTLE_MS = 60 * 60 * 1000;

/**
 * Retention on the clock: drops the daily partitions whose rows are all past TELEMETRY_RETENTION_DAYS (a
 * DROP TABLE, not a DELETE: no dead rows, no vacuum), makes the partitions of the days still to come, and
 * forgets the per-minute error counters no issue window can reach any more, and gives the day that is over
 * its text-search index (one day a run: a large day's build takes seconds of a core). Runs every
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

  async run(now: Date): Promise<{ dropped: string[]; indexed: string[] }> {
    const retentionDays = this.config.TELEMETRY_RETENTION_DAYS;
    const manager = this.dataSource.manager;
    const dropped = partitionsPastRetention(await existingPartitionDays(manager), now, retentionDays);
    for (const day of dropped) await dropPartition(manager, day);
    if (dropped.length > 0)
      this.logger.info({ dropped, retentionDays }, 'telemetry partitions past retention dropped');
    await ensurePartitions(manager, daysToPrepare(now, retentionDays));
    await purgeErrorCounts(manager, new Date(now.getTime() - DAY_MS));
    const indexed = daysToIndexForSearch(
      await existingPartitionDays(manager),
      await daysIndexedForSearch(manager),
      now,
      retentionDays,
      SEARCH_INDEX_SETTLE_MS,
      1,
    );
    for (const day of indexed) await indexForSearch(manager, day);
    if (indexed.length > 0) this.logger.info({ indexed }, 'telemetry partitions indexed for text search');
    return { dropped, indexed };
  }
}
