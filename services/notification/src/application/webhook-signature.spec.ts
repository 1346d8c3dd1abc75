import { createHmac } from 'node:crypto';
import { signatureOf } from './webhook-signature';

describe('the webhook signature', () => {
  it('is t=<unix>,v1=<hex HMAC-SHA256 of "t.body"> with the webhook secret', () => {
    const body = '{"specversion":"1.0"}';
    const expected = createHmac('sha256', 'whsec_test').update(`1777629600.${body}`).digest('hex');
    expect(signatureOf('whsec_test', 1777629600, body)).toBe(`t=1777629600,v1=${expected}`);
  });
});
