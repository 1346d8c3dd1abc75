import {
  daysToIndexForSearch,
  daysToPrepare,
  isPastRetention,
  partitionsPastRetention,
  unstorableTimestamp,
} from './telemetry-retention';

const now = new Date('2026-12-31T10:00:00.000Z');

describe('telemetry retention (daily partitions, UTC)', () => {
  it('drops exactly the days that end at or before now minus the retention', () => {
    const days = ['2026-11-29', '2026-11-30', '2026-12-01', '2026-12-02', '2026-12-31'];
    // limit: 2026-12-01T10:00Z; 2026-11-30 ends at 2026-12-01T00:00Z (past), 2026-12-01 ends after the limit
    expect(partitionsPastRetention(days, now, 30)).toEqual(['2026-11-29', '2026-11-30']);
  });

  it('keeps a day that ends exactly at the limit out, and one a millisecond later in', () => {
    expect(isPastRetention('2026-12-30', new Date('2027-01-01T00:00:00.000Z'), 1)).toBe(true);
    expect(isPastRetention('2026-12-30', new Date('2026-12-31T23:59:59.999Z'), 1)).toBe(false);
  });

  it('prepares every day within retention up to the day after tomorrow’s limit', () => {
    const days = daysToPrepare(now, 2);
    expect(days).toEqual(['2026-12-29', '2026-12-30', '2026-12-31', '2027-01-01']);
  });

  it('does not store events past retention or more than a day ahead', () => {
    expect(unstorableTimestamp(Date.parse('2026-12-01T09:59:59.999Z'), now, 30)).toBe('past-retention');
    expect(unstorableTimestamp(Date.parse('2026-12-01T10:00:00.000Z'), now, 30)).toBeUndefined();
    expect(unstorableTimestamp(Date.parse('2027-01-01T10:00:00.000Z'), now, 30)).toBeUndefined();
    expect(unstorableTimestamp(Date.parse('2027-01-01T10:00:00.001Z'), now, 30)).toBe('future');
  });

  describe('the text-search index, on days that are over', () => {
    const days = ['2026-12-01', '2026-12-29', '2026-12-30', '2026-12-31', '2027-01-01'];
    const hour = 60 * 60 * 1000;

    it('goes on the days over for the settling time, oldest first, never today nor ahead', () => {
      // now 2026-12-31T10:00Z: 12-30 ended 10 h ago, 12-29 34 h ago; 2026-12-01 is within 30 days
      expect(daysToIndexForSearch(days, new Set(), now, 30, hour, 10)).toEqual([
        '2026-12-01',
        '2026-12-29',
        '2026-12-30',
      ]);
      expect(daysToIndexForSearch(days, new Set(), now, 30, 11 * hour, 10)).toEqual([
        '2026-12-01',
        '2026-12-29',
      ]);
    });

    it('skips the days that have it and those past retention, and takes at most perRun', () => {
      expect(daysToIndexForSearch(days, new Set(['2026-12-29']), now, 30, hour, 10)).toEqual([
        '2026-12-01',
        '2026-12-30',
      ]);
      expect(daysToIndexForSearch(days, new Set(), now, 2, hour, 10)).toEqual(['2026-12-29', '2026-12-30']);
      expect(daysToIndexForSearch(days, new Set(), now, 30, hour, 1)).toEqual(['2026-12-01']);
    });
  });
});
