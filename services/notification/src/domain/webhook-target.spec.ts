import { addressKind, isAllowedAddress, targetPolicy } from './webhook-target';

describe('webhook targets', () => {
  it('tells loopback, private, link-local and public addresses apart, IPv4 and IPv6', () => {
    const kinds = Object.fromEntries(
      [
        '127.0.0.1',
        '127.8.9.1',
        '::1',
        '::ffff:127.0.0.1',
        '10.1.2.3',
        '172.16.0.1',
        '172.31.255.255',
        '192.168.1.1',
        '100.64.0.1',
        '0.0.0.0',
        '::',
        'fd00::1',
        '169.254.169.254',
        'fe80::1%eth0',
        '::ffff:10.0.0.1',
        '8.8.8.8',
        '172.32.0.1',
        '2001:4860:4860::8888',
        'not an address',
      ].map((a) => [a, addressKind(a)]),
    );
    expect(kinds).toEqual({
      '127.0.0.1': 'loopback',
      '127.8.9.1': 'loopback',
      '::1': 'loopback',
      '::ffff:127.0.0.1': 'loopback',
      '10.1.2.3': 'private',
      '172.16.0.1': 'private',
      '172.31.255.255': 'private',
      '192.168.1.1': 'private',
      '100.64.0.1': 'private',
      '0.0.0.0': 'private',
      '::': 'private',
      'fd00::1': 'private',
      '169.254.169.254': 'link-local',
      'fe80::1%eth0': 'link-local',
      '::ffff:10.0.0.1': 'private',
      '8.8.8.8': 'public',
      '172.32.0.1': 'public',
      '2001:4860:4860::8888': 'public',
      'not an address': 'private',
    });
  });

  it('allows only public addresses in production, loopback too in development, all when configured', () => {
    const production = targetPolicy(true, false);
    const development = targetPolicy(false, false);
    const allowed = targetPolicy(true, true);
    const check = (address: string) =>
      [production, development, allowed].map((p) => isAllowedAddress(address, p));
    expect(check('93.184.216.34')).toEqual([true, true, true]);
    expect(check('127.0.0.1')).toEqual([false, true, true]);
    expect(check('10.0.0.1')).toEqual([false, false, true]);
    expect(check('169.254.169.254')).toEqual([false, false, true]);
  });
});
