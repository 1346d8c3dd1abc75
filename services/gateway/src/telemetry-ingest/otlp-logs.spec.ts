import { checkTelemetryBatch } from '@pac/contracts';
import { mapOtlpLogs, severityOf } from './otlp-logs';

const receivedAt = new Date('2026-12-04T10:00:00.000Z');

describe('OTLP logs mapped to telemetry events', () => {
  it('maps time, severity, body, event id and attributes (resource ones too)', () => {
    const mapped = mapOtlpLogs(
      {
        resourceLogs: [
          {
            resource: { attributes: [{ key: 'service.name', value: { stringValue: 'bc-web' } }] },
            scopeLogs: [
              {
                scope: { name: 'posting' },
                logRecords: [
                  {
                    timeUnixNano: '1764842400123000000',
                    severityNumber: 17,
                    severityText: 'ERROR',
                    body: { stringValue: 'Posting failed' },
                    attributes: [
                      { key: 'event.id', value: { stringValue: 'RT0012' } },
                      { key: 'lines', value: { intValue: '3' } },
                      {
                        key: 'tags',
                        value: { arrayValue: { values: [{ stringValue: 'a' }, { boolValue: true }] } },
                      },
                    ],
                    traceId: '5b8efff798038103d269b633813fc60c',
                  },
                  {
                    observedTimeUnixNano: 1764842400000000000,
                    severityText: 'warn',
                    body: { kvlistValue: { values: [{ key: 'x', value: { doubleValue: 1.5 } }] } },
                  },
                  {},
                ],
              },
            ],
          },
        ],
      },
      receivedAt,
    );
    expect(mapped).toEqual({
      ok: true,
      events: [
        {
          timestamp: '2025-12-04T10:00:00.123Z',
          severity: 'error',
          eventId: 'RT0012',
          message: 'Posting failed',
          dimensions: {
            'service.name': 'bc-web',
            lines: 3,
            tags: '["a",true]',
            traceId: '5b8efff798038103d269b633813fc60c',
          },
        },
        {
          timestamp: '2025-12-04T10:00:00.000Z',
          severity: 'warning',
          eventId: 'OTLP',
          message: '{"x":1.5}',
          dimensions: { 'service.name': 'bc-web' },
        },
        {
          timestamp: receivedAt.toISOString(),
          severity: 'info',
          eventId: 'OTLP',
          message: '',
          dimensions: { 'service.name': 'bc-web' },
        },
      ],
    });
    if (mapped.ok) expect(checkTelemetryBatch(mapped.events).ok).toBe(true);
  });

  it('takes the event name when there is no event id, made a valid event id', () => {
    const mapped = mapOtlpLogs(
      {
        resourceLogs: [
          { scopeLogs: [{ logRecords: [{ eventName: 'order placed!', body: { stringValue: 'ok' } }] }] },
        ],
      },
      receivedAt,
    );
    expect(mapped.ok && mapped.events[0]!.eventId).toBe('order_placed_');
  });

  it('reads severity numbers and texts', () => {
    expect([1, 5, 9, 13, 17, 21, 24].map((n) => severityOf({ severityNumber: n }))).toEqual([
      'verbose',
      'verbose',
      'info',
      'warning',
      'error',
      'critical',
      'critical',
    ]);
    expect(severityOf({ severityText: 'FATAL' })).toBe('critical');
    expect(severityOf({})).toBe('info');
  });

  it('refuses a body that is not OTLP logs, naming the field', () => {
    expect(mapOtlpLogs({ resourceLogs: {} }, receivedAt)).toMatchObject({
      ok: false,
      error: { field: 'resourceLogs' },
    });
    expect(mapOtlpLogs({ resourceLogs: [{ scopeLogs: [{ logRecords: 'x' }] }] }, receivedAt)).toMatchObject({
      ok: false,
      error: { field: 'resourceLogs[0].scopeLogs[0].logRecords' },
    });
  });
});
