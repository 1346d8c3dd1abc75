import * as jose from 'jose';
import { signDevToken } from './dev-token';
import { TokenVerifier } from './token-verifier';

jest.mock('jose', () => {
  const actual = jest.requireActual<typeof import('jose')>('jose');
  return { ...actual, jwtVerify: jest.fn(actual.jwtVerify) };
});

const secret = 'a-test-secret-of-enough-length-1234567890';
const partnerId = '6f1c7a52-7a3e-4a0e-9a55-1f7c0f5b2a11';
const checks = jose.jwtVerify as jest.Mock;
const token = (subject: string) => signDevToken(secret, { partnerId, roles: ['partner:viewer'], subject });

describe('TokenVerifier: verified tokens are remembered', () => {
  beforeEach(() => checks.mockClear());

  it('verifies a token once, then answers from memory until its exp', async () => {
    let now = Date.now();
    const verifier = new TokenVerifier({ hs256Secret: secret, now: () => now });
    const ana = await token('ana');
    const first = await verifier.verify(ana);
    const second = await verifier.verify(ana);
    expect(second).toEqual(first);
    expect(second).toEqual({ ok: true, caller: { subject: 'ana', partnerId, roles: ['partner:viewer'] } });
    expect(checks).toHaveBeenCalledTimes(1);

    // Past its exp (12 h for a development token) the memory no longer answers: it is checked again.
    now += 12 * 3_600_000 + 1_000;
    await verifier.verify(ana);
    expect(checks).toHaveBeenCalledTimes(2);
  });

  it('remembers a token no longer than cacheTtlMs, so a key taken out of the JWKS stops being honoured', async () => {
    let now = Date.now();
    const verifier = new TokenVerifier({ hs256Secret: secret, cacheTtlMs: 60_000, now: () => now });
    const ana = await token('ana');
    await verifier.verify(ana);
    now += 59_000;
    await verifier.verify(ana);
    expect(checks).toHaveBeenCalledTimes(1);

    now += 2_000;
    await verifier.verify(ana);
    expect(checks).toHaveBeenCalledTimes(2);
  });

  it('never remembers a refused token', async () => {
    const verifier = new TokenVerifier({ hs256Secret: secret });
    const forged = await signDevToken('another-secret-of-enough-length-12345', {
      partnerId,
      roles: ['partner:viewer'],
    });
    expect((await verifier.verify(forged)).ok).toBe(false);
    expect((await verifier.verify(forged)).ok).toBe(false);
    expect(checks).toHaveBeenCalledTimes(2);
    expect(verifier.cachedTokens).toBe(0);
  });

  it('keeps at most cacheSize tokens, forgetting the least recently used', async () => {
    const verifier = new TokenVerifier({ hs256Secret: secret, cacheSize: 2 });
    const [a, b, c] = await Promise.all([token('a'), token('b'), token('c')]);
    await verifier.verify(a);
    await verifier.verify(b);
    await verifier.verify(a); // a is now the most recently used
    await verifier.verify(c); // b goes
    expect(verifier.cachedTokens).toBe(2);
    checks.mockClear();
    await verifier.verify(a);
    expect(checks).toHaveBeenCalledTimes(0);
    await verifier.verify(b);
    expect(checks).toHaveBeenCalledTimes(1);
  });

  it('can be turned off', async () => {
    const verifier = new TokenVerifier({ hs256Secret: secret, cacheSize: 0 });
    const ana = await token('ana');
    await verifier.verify(ana);
    await verifier.verify(ana);
    expect(checks).toHaveBeenCalledTimes(2);
  });
});
