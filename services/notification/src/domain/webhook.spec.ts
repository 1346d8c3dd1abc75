import { DecisionSpecification } from '@pac/domain';
import { RETRY_FOR_MS } from './delivery';
import {
  decideCreateWebhook,
  decideEnableWebhook,
  decideRedelivery,
  webhookAfterAttempt,
  type NewWebhookRequest,
} from './webhook';

const now = new Date('2026-05-01T10:00:00.000Z');
const create = DecisionSpecification.for((_given: object, request: NewWebhookRequest) =>
  decideCreateWebhook('w1', 'p1', request, now),
);

describe('a webhook', () => {
  it('is created enabled, for http(s) urls and event types or families', () => {
    create
      .given({})
      .when({ url: 'https://hooks.example/x', eventTypes: ['update.*', 'update.*', 'tenant.created'] })
      .then({
        id: 'w1',
        partnerId: 'p1',
        url: 'https://hooks.example/x',
        eventTypes: ['update.*', 'tenant.created'],
        description: null,
        status: 'enabled',
        failingSince: null,
        disabledAt: null,
        createdAt: now.toISOString(),
      });
  });

  it('refuses other schemes, credentials in the url and unknown kinds of event types', () => {
    create
      .given({})
      .when({ url: 'ftp://hooks.example/x', eventTypes: ['*'] })
      .thenRefused('webhook-url-invalid', ['url']);
    create
      .given({})
      .when({ url: 'https://u:p@hooks.example/', eventTypes: ['*'] })
      .thenRefused('webhook-url-invalid', ['url']);
    create
      .given({})
      .when({ url: 'https://hooks.example/', eventTypes: ['Update Failed'] })
      .thenRefused('event-types-invalid', ['eventTypes']);
    create
      .given({})
      .when({ url: 'https://hooks.example/', eventTypes: [] })
      .thenRefused('event-types-invalid', ['eventTypes']);
  });

  it('is disabled after 24 hours of failures, and a success in between starts the count again', () => {
    const webhook = decideCreateWebhook('w1', 'p1', { url: 'https://h.example/', eventTypes: ['*'] }, now);
    if (!webhook.ok) throw new Error('not created');
    const fail = { ok: false as const, statusCode: 503, error: 'answered 503', latencyMs: 1 };
    const failing = webhookAfterAttempt(webhook.value, fail, now);
    expect(failing).toMatchObject({ status: 'enabled', failingSince: now.toISOString() });
    const recovered = webhookAfterAttempt(
      failing,
      { ok: true, statusCode: 200, latencyMs: 1 },
      new Date(now.getTime() + 1000),
    );
    expect(recovered.failingSince).toBeNull();
    const dayLater = new Date(now.getTime() + RETRY_FOR_MS);
    const disabled = webhookAfterAttempt(failing, fail, dayLater);
    expect(disabled).toMatchObject({ status: 'disabled', disabledAt: dayLater.toISOString() });
    expect(decideEnableWebhook(disabled)).toEqual({
      ok: true,
      value: { ...disabled, status: 'enabled', failingSince: null, disabledAt: null },
    });
    expect(decideEnableWebhook(webhook.value)).toMatchObject({
      ok: false,
      error: { code: 'webhook-not-disabled' },
    });
  });
});

describe('a redelivery', () => {
  it('is for a delivered or failed delivery of an enabled webhook', () => {
    expect(decideRedelivery({ status: 'enabled' }, { status: 'delivered' })).toEqual({
      ok: true,
      value: true,
    });
    expect(decideRedelivery({ status: 'enabled' }, { status: 'failed' })).toEqual({ ok: true, value: true });
    expect(decideRedelivery({ status: 'disabled' }, { status: 'failed' })).toMatchObject({
      ok: false,
      error: { code: 'webhook-disabled' },
    });
    expect(decideRedelivery({ status: 'enabled' }, { status: 'pending' })).toMatchObject({
      ok: false,
      error: { code: 'delivery-pending' },
    });
  });
});
