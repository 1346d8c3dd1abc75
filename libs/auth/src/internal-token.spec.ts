import type { Caller } from './roles';
import { INTERNAL_TOKEN_HEADER, InternalTokenSigner, InternalTokenVerifier } from './internal-token';

describe('internal tokens between the gateway and the services', () => {
  const secret = 'a-shared-internal-secret-of-32-chars-or-more';
  const caller: Caller = { subject: 'u-1', partnerId: 'p-1', roles: ['partner:operator'], tenantId: 't-1' };
  let now = 1_800_000_000;
  const clock = () => now;
  const signer = new InternalTokenSigner(secret, clock);
  const verifier = new InternalTokenVerifier(secret, clock);
  const tokenFor = (who: Caller) => signer.headersFor(who)[INTERNAL_TOKEN_HEADER]!;

  it('carries the caller the gateway verified', () => {
    expect(verifier.verify(tokenFor(caller))).toEqual(caller);
  });

  it('refuses a token signed with another secret, a tampered one, and garbage', () => {
    const forged = new InternalTokenSigner('another-secret-of-at-least-32-characters', clock);
    expect(verifier.verify(forged.headersFor(caller)[INTERNAL_TOKEN_HEADER])).toBeUndefined();
    const [header, payload, signature] = tokenFor({ ...caller }).split('.');
    const otherPartner = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(payload!, 'base64url').toString()), partnerId: 'p-2' }),
    ).toString('base64url');
    expect(verifier.verify(`${header}.${otherPartner}.${signature}`)).toBeUndefined();
    for (const garbage of [undefined, '', 'a.b', 'a.b.c', 'a.b.c.d', ['x']]) {
      expect(verifier.verify(garbage)).toBeUndefined();
    }
  });

  it('refuses an unsigned token (alg none) even with a matching payload', () => {
    const [, payload] = tokenFor({ ...caller }).split('.');
    const none = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    expect(verifier.verify(`${none}.${payload}.`)).toBeUndefined();
  });

  it('expires after a minute; the signer renews a caller’s token before that', () => {
    const who: Caller = { ...caller };
    const first = tokenFor(who);
    now += 29;
    expect(tokenFor(who)).toBe(first);
    now += 2;
    const renewed = tokenFor(who);
    expect(renewed).not.toBe(first);
    now += 30;
    expect(verifier.verify(first)).toBeUndefined();
    expect(verifier.verify(renewed)).toEqual(who);
  });
});
