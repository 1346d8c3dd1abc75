import 'reflect-metadata';
import { TelemetryBatchReceived, TenantCreated } from '@pac/contracts';
import { environmentNameOf, eventSubjectOf, isSubjectOfKey, type EventEnvelope } from './event-envelope';
import { parseKafkaMessage, toKafkaMessage, type ReceivedKafkaMessage } from './kafka-message';
import { validatePayload } from './validate-payload';

const tenantId = '3f6f4b1e-6a3b-4c61-9a55-0d7c1f0a2b11';

const envelope: EventEnvelope<{ name: string }> = {
  id: '6a1f7c8e-2b7d-4f0e-8c3a-5e9d1b2c4a6f',
  type: 'environment.created',
  source: '/services/tenant',
  time: '2026-03-29T10:15:00.000Z',
  subject: eventSubjectOf(tenantId, 'production'),
  tenantId,
  data: { name: 'production' },
};

/** What a consumer gets from kafkajs: Buffers everywhere. */
function asReceived(message: ReturnType<typeof toKafkaMessage>): ReceivedKafkaMessage {
  return {
    key: Buffer.from(message.key),
    value: Buffer.from(message.value),
    headers: Object.fromEntries(
      Object.entries(message.headers).map(([name, value]) => [name, Buffer.from(value)]),
    ),
  };
}

describe('toKafkaMessage', () => {
  it('maps the envelope onto the CloudEvents Kafka binding, binary mode', () => {
    expect(toKafkaMessage({ ...envelope, traceparent: '00-abc-def-01' })).toEqual({
      key: tenantId,
      value: '{"name":"production"}',
      headers: {
        ce_specversion: '1.0',
        ce_id: envelope.id,
        ce_type: 'environment.created',
        ce_source: '/services/tenant',
        ce_time: '2026-03-29T10:15:00.000Z',
        ce_subject: `tenants/${tenantId}/environments/production`,
        'content-type': 'application/json',
        traceparent: '00-abc-def-01',
      },
    });
  });

  it('leaves traceparent out when tracing is off', () => {
    expect(toKafkaMessage(envelope).headers).not.toHaveProperty('traceparent');
  });
});

describe('parseKafkaMessage', () => {
  it('reads back what toKafkaMessage wrote', () => {
    expect(parseKafkaMessage(asReceived(toKafkaMessage(envelope)))).toEqual({ ok: true, value: envelope });
    const traced = { ...envelope, traceparent: '00-abc-def-01' };
    expect(parseKafkaMessage(asReceived(toKafkaMessage(traced)))).toEqual({ ok: true, value: traced });
  });

  it.each<[string, (m: ReceivedKafkaMessage) => void, RegExp]>([
    ['a value that is not JSON', (m) => (m.value = Buffer.from('{not json')), /value is not JSON/],
    ['no value', (m) => (m.value = null), /no value/],
    ['no key', (m) => (m.key = null), /key .* missing/],
    ['another spec version', (m) => (m.headers!['ce_specversion'] = Buffer.from('0.3')), /ce_specversion/],
    ['an id that is not a uuid', (m) => (m.headers!['ce_id'] = Buffer.from('42')), /ce_id must be a uuid/],
    ['no type', (m) => delete m.headers!['ce_type'], /missing header\(s\) ce_type/],
    ['a bad time', (m) => (m.headers!['ce_time'] = Buffer.from('yesterday')), /ce_time/],
    ['another content type', (m) => (m.headers!['content-type'] = Buffer.from('text/xml')), /content-type/],
    [
      'a subject about another tenant',
      (m) => (m.headers!['ce_subject'] = Buffer.from('tenants/other')),
      /ce_subject/,
    ],
  ])('returns an error, not an exception, for %s', (_case, spoil, reason) => {
    const message = asReceived(toKafkaMessage(envelope));
    spoil(message);
    const parsed = parseKafkaMessage(message);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error.reason).toMatch(reason);
  });

  it('accepts a charset on the content type and headers repeated as arrays', () => {
    const message = asReceived(toKafkaMessage(envelope));
    message.headers!['content-type'] = Buffer.from('application/json; charset=utf-8');
    message.headers!['ce_type'] = [Buffer.from('environment.created')];
    expect(parseKafkaMessage(message).ok).toBe(true);
  });
});

describe('subjects', () => {
  it('name the tenant and, when there is one, the environment', () => {
    expect(eventSubjectOf(tenantId)).toBe(`tenants/${tenantId}`);
    expect(environmentNameOf(eventSubjectOf(tenantId, 'sandbox-1'))).toBe('sandbox-1');
    expect(environmentNameOf(eventSubjectOf(tenantId))).toBeUndefined();
  });

  it('are about the message key: the tenant, or for an event about no tenant its own key', () => {
    expect(isSubjectOfKey(eventSubjectOf(tenantId, 'production'), tenantId)).toBe(true);
    expect(isSubjectOfKey('releases/26.1', '26.1')).toBe(true);
    expect(isSubjectOfKey('releases/26.1', '26.2')).toBe(false);
    expect(isSubjectOfKey(`tenants/${tenantId}x`, tenantId)).toBe(false);
    expect(isSubjectOfKey('26.1', '26.1')).toBe(false);
  });

  it('let a release event through, keyed by its version', () => {
    const release = { ...envelope, type: 'release.published', subject: 'releases/26.1', tenantId: '26.1' };
    const parsed = parseKafkaMessage(asReceived(toKafkaMessage(release)));
    expect(parsed).toMatchObject({ ok: true, value: { subject: 'releases/26.1', tenantId: '26.1' } });
  });
});

describe('validatePayload', () => {
  const valid = {
    tenantId,
    partnerId: '9b2e4c6a-1d3f-4e5a-8b7c-0a1b2c3d4e5f',
    name: 'Contoso',
    countryCode: 'DK',
    status: 'active',
    tags: ['retail'],
    contacts: [{ name: 'Ann', email: 'ann@contoso.example' }],
    occurredAt: '2026-03-29T10:15:00.000Z',
  };

  it('returns an instance of the payload class, without unknown fields', async () => {
    const result = await validatePayload(TenantCreated, { ...valid, addedInALaterVersion: true });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value).toBeInstanceOf(TenantCreated.payload);
    expect(result.value).not.toHaveProperty('addedInALaterVersion');
  });

  it('names every failing field, nested ones by path', async () => {
    const result = await validatePayload(TenantCreated, {
      ...valid,
      countryCode: 'Denmark',
      contacts: [{ name: 'Ann', email: 'not-an-email' }],
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.fields.map((f) => f.path)).toEqual(['countryCode', 'contacts.0.email']);
    expect(result.error.message).toMatch(
      /^invalid tenant\.created payload: countryCode: .*; contacts\.0\.email: /,
    );
  });

  describe("a property marked @KeptAsParsed() (a telemetry batch's events)", () => {
    const batch = {
      tenantId,
      partnerId: '9b2e4c6a-1d3f-4e5a-8b7c-0a1b2c3d4e5f',
      environmentName: 'Production',
      keyId: '6a1f7c8e-2b7d-4f0e-8c3a-5e9d1b2c4a6f',
      receivedAt: '2026-03-29T10:15:00.000Z',
      events: [{ timestamp: '2026-03-29T10:15:00.000Z', severity: 'info', eventId: 'AL0001', message: 'm' }],
    };

    it('is the parsed array itself, not a copy, and the rest is validated as usual', async () => {
      const result = await validatePayload(TelemetryBatchReceived, batch);
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      expect(result.value).toBeInstanceOf(TelemetryBatchReceived.payload);
      expect(result.value.events).toBe(batch.events);
    });

    it('is still checked by its own decorators', async () => {
      const result = await validatePayload(TelemetryBatchReceived, { ...batch, events: 'many' });
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.error.fields.map((f) => f.path)).toEqual(['events']);
    });
  });

  it('refuses data that is not an object', async () => {
    for (const data of [null, 42, 'text', [valid]]) {
      const result = await validatePayload(TenantCreated, data);
      expect(result.ok).toBe(false);
    }
  });
});
