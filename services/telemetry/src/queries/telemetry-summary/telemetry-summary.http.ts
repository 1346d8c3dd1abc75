import { Controller, Get, Param, Query } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import { CallerContext, TenantDirectory, TenantIdParam, unwrap } from '@pac/bootstrap';
import { Clock } from '@pac/clock';
import { TELEMETRY_SEVERITIES, type TelemetrySeverity } from '@pac/contracts';
import {
  TelemetrySummaryQuery,
  type SeverityCounts,
  type SummaryBucket,
  type TelemetrySummaryResponse,
} from '@pac/http-contracts';
import { DataSource } from 'typeorm';
import { timeRange, whereInScope } from '../../application/telemetry-filters';
import { TelemetryRowEntity } from '../../persistence/telemetry-row.entity';

const BUCKET_INTERVALS: Record<SummaryBucket, string> = { '5m': '5 minutes', '1h': '1 hour', '1d': '1 day' };
/** The range when `from` is not given: what the bucket size is meant for. */
const DEFAULT_RANGE_MS: Record<SummaryBucket, number> = {
  '5m': 24 * 3_600_000,
  '1h': 24 * 3_600_000,
  '1d': 30 * 24 * 3_600_000,
};
const TOP_EVENT_IDS = 10;

@Controller('tenants/:tenantId/telemetry/summary')
export class TelemetrySummaryHttp {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tenants: TenantDirectory,
    private readonly clock: Clock,
  ) {}

  /**
   * A customer's telemetry counted per bucket (UTC, aligned on the epoch) and severity, over the range
   * (by default the last day, or the last 30 days for daily buckets), with the most frequent event ids.
   */
  @Get()
  async summary(
    @CallerContext() caller: Caller,
    @Param('tenantId', TenantIdParam) tenantId: string,
    @Query() query: TelemetrySummaryQuery,
  ): Promise<TelemetrySummaryResponse> {
    const range = unwrap(timeRange(query));
    await this.tenants.assertVisible(caller, tenantId);
    const bucket = query.bucket ?? '1h';
    const to = range.to ?? this.clock.now();
    const from = range.from ?? new Date(to.getTime() - DEFAULT_RANGE_MS[bucket]);
    const scope = { tenantId, from, to, environment: query.environment };
    // One scan of the range for both answers: counts per (bucket, severity) and per (event id, severity).
    const bucketStart = `date_bin(CAST(:interval AS interval), r."timestamp", TIMESTAMPTZ 'epoch')`;
    const groups = await whereInScope(
      this.dataSource.getRepository(TelemetryRowEntity).createQueryBuilder('r'),
      'r',
      scope,
    )
      .select(bucketStart, 'start')
      .addSelect('r.severity', 'severity')
      .addSelect('r.event_id', 'eventId')
      .addSelect('count(*)::int', 'count')
      .setParameter('interval', BUCKET_INTERVALS[bucket])
      .groupBy(`GROUPING SETS ((${bucketStart}, r.severity), (r.event_id, r.severity))`)
      .getRawMany<{
        start: Date | null;
        severity: TelemetrySeverity;
        eventId: string | null;
        count: number;
      }>();

    const totals = noCounts();
    const buckets = new Map<string, SeverityCounts>();
    const byEventId = new Map<string, { eventId: string; count: number; errors: number }>();
    for (const group of groups) {
      if (group.start) {
        const start = group.start.toISOString();
        const counts = buckets.get(start) ?? noCounts();
        counts[group.severity] += group.count;
        totals[group.severity] += group.count;
        buckets.set(start, counts);
      } else if (group.eventId !== null) {
        const top = byEventId.get(group.eventId) ?? { eventId: group.eventId, count: 0, errors: 0 };
        top.count += group.count;
        if (group.severity === 'error' || group.severity === 'critical') top.errors += group.count;
        byEventId.set(group.eventId, top);
      }
    }
    const top = [...byEventId.values()]
      .sort((a, b) => b.count - a.count || (a.eventId < b.eventId ? -1 : 1))
      .slice(0, TOP_EVENT_IDS);
    return {
      // As asked: a default range moves with the clock, and the same question keeps the same answer.
      from: range.from?.toISOString() ?? null,
      to: range.to?.toISOString() ?? null,
      bucket,
      totals,
      buckets: [...buckets]
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([start, counts]) => ({ start, counts })),
      topEventIds: top,
    };
  }
}

function noCounts(): SeverityCounts {
  return Object.fromEntries(
    TELEMETRY_SEVERITIES.map((severity) => [severity, 0]),
  ) as unknown as SeverityCounts;
}
