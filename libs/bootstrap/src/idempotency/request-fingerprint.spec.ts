import { canonicalJson, requestFingerprint } from './request-fingerprint';

describe('request fingerprint', () => {
  it('is the same for the same object whatever the order of its keys', () => {
    const a = { name: 'Fabrikam', contacts: [{ email: 'a@b.c', name: 'A' }], countryCode: 'FR' };
    const b = { countryCode: 'FR', contacts: [{ name: 'A', email: 'a@b.c' }], name: 'Fabrikam' };
    expect(canonicalJson(a)).toBe(canonicalJson(b));
    expect(requestFingerprint('POST', '/tenants', a)).toBe(requestFingerprint('post', '/tenants', b));
  });

  it('differs when the body, the path or the method differs', () => {
    const base = requestFingerprint('POST', '/tenants', { name: 'A' });
    expect(requestFingerprint('POST', '/tenants', { name: 'B' })).not.toBe(base);
    expect(requestFingerprint('POST', '/partners', { name: 'A' })).not.toBe(base);
    expect(requestFingerprint('PUT', '/tenants', { name: 'A' })).not.toBe(base);
    expect(requestFingerprint('POST', '/tenants', [{ name: 'A' }])).not.toBe(base);
  });

  it('tells an absent body from an empty one and keeps array order', () => {
    expect(requestFingerprint('POST', '/x', undefined)).not.toBe(requestFingerprint('POST', '/x', {}));
    expect(canonicalJson([2, 1])).not.toBe(canonicalJson([1, 2]));
  });
});
