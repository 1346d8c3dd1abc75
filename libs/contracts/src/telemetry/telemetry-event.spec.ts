import { checkTelemetryBatch, TELEMETRY_LIMITS } from './telemetry-event';

const event = (overrides: Record<string, unknown> = {}) => ({
  timestamp: '2026-12-04T10:00:00.000Z',
  severity: 'error',
  eventId: 'RT0012',
  message: 'Posting failed',
  dimensions: { company: 'CRONUS', lines: 3, retried: false, user: null },
  ...overrides,
});

describe('a telemetry batch', () => {
  it('accepts events with exactly the fields of the contract', () => {
    const batch = [
      event(),
      event({ dimensions: undefined, severity: 'verbose', timestamp: '2026-12-04T11:00+02:00' }),
    ];
    expect(checkTelemetryBatch(batch)).toEqual({ ok: true, events: batch });
  });

  it.each([
    [{ severity: 'fatal' }, '[1].severity'],
    [{ timestamp: '2026-12-04' }, '[1].timestamp'],
    [{ timestamp: '2026-13-45T10:00:00Z' }, '[1].timestamp'],
    [{ eventId: '' }, '[1].eventId'],
    [{ eventId: 'has space' }, '[1].eventId'],
    [{ message: 42 }, '[1].message'],
    [{ message: 'x'.repeat(TELEMETRY_LIMITS.maxMessageLength + 1) }, '[1].message'],
    [{ message: 'nul\u0000' }, '[1].message'],
    [{ dimensions: { nested: { a: 1 } } }, '[1].dimensions.nested'],
    [{ dimensions: ['a'] }, '[1].dimensions'],
    [{ environmentName: 'Other' }, '[1].environmentName'],
  ])('refuses the whole batch for one bad event, naming its index and field (%o)', (bad, field) => {
    const checked = checkTelemetryBatch([event(), event(bad)]);
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.error.field).toBe(field);
  });

  it('refuses what is not a non-empty array of at most 1,000 events', () => {
    expect(checkTelemetryBatch({ events: [] })).toMatchObject({ ok: false, error: { field: 'body' } });
    expect(checkTelemetryBatch([])).toMatchObject({ ok: false, error: { field: 'body' } });
    const tooMany = Array.from({ length: TELEMETRY_LIMITS.maxEvents + 1 }, () => event());
    expect(checkTelemetryBatch(tooMany)).toMatchObject({ ok: false, error: { field: 'body' } });
    expect(checkTelemetryBatch([event(), 'text'])).toMatchObject({ ok: false, error: { field: '[1]' } });
  });
});
