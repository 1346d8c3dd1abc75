import { createHmac } from 'node:crypto';
import { signWebhookBody, verifyWebhookSignature } from './webhook-signature';

describe('the webhook signature', () => {
  const body = '{"specversion":"1.0"}';

  it('is t=<unix>,v1=<hex HMAC-SHA256 of "t.body"> with the webhook secret', () => {
    const expected = createHmac('sha256', 'whsec_test').update(`1777629600.${body}`).digest('hex');
    expect(signWebhookBody('whsec_test', 1777629600, body)).toBe(`t=1777629600,v1=${expected}`);
  });

  it('verifies with the same secret and body, in time only', () => {
    const header = signWebhookBody('whsec_test', 1777629600, body);
    expect(verifyWebhookSignature('whsec_test', header, body, 1777629600 + 60)).toBe(true);
    expect(verifyWebhookSignature('whsec_other', header, body, 1777629600)).toBe(false);
    expect(verifyWebhookSignature('whsec_test', header, `${body} `, 1777629600)).toBe(false);
    expect(verifyWebhookSignature('whsec_test', header, body, 1777629600 + 301)).toBe(false);
    expect(verifyWebhookSignature('whsec_test', undefined, body, 1777629600)).toBe(false);
  });
});
