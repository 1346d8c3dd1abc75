import { SignJWT } from 'jose';
import { signDevToken } from './dev-token';
import { TokenVerifier } from './token-verifier';

const secret = 'a-test-secret-of-enough-length-1234567890';
const partnerId = '6f1c7a52-7a3e-4a0e-9a55-1f7c0f5b2a11';

describe('TokenVerifier (HS256)', () => {
  const verifier = new TokenVerifier({ hs256Secret: secret });

  it('accepts a signed token and reads the caller from its claims', async () => {
    const token = await signDevToken(secret, { partnerId, roles: ['partner:operator'], subject: 'ana' });
    await expect(verifier.verify(token)).resolves.toEqual({
      ok: true,
      caller: { subject: 'ana', partnerId, roles: ['partner:operator'] },
    });
  });

  it('refuses a token signed with another secret, an expired one, and one without exp', async () => {
    const other = await signDevToken('another-secret-of-enough-length-12345', {
      partnerId,
      roles: ['partner:viewer'],
    });
    expect((await verifier.verify(other)).ok).toBe(false);
    const expired = await signDevToken(secret, { partnerId, roles: ['partner:viewer'], expiresIn: '-1m' });
    expect((await verifier.verify(expired)).ok).toBe(false);
    const noExp = await new SignJWT({ partnerId, roles: ['partner:viewer'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('x')
      .sign(new TextEncoder().encode(secret));
    expect((await verifier.verify(noExp)).ok).toBe(false);
  });

  it('refuses unknown roles and a customer admin without a tenant', async () => {
    const unknownRole = await new SignJWT({ partnerId, roles: ['root'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('x')
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode(secret));
    expect(await verifier.verify(unknownRole)).toMatchObject({ ok: false });
    const customer = await signDevToken(secret, { partnerId, roles: ['customer:admin'] });
    expect(await verifier.verify(customer)).toMatchObject({ ok: false });
  });

  it('checks issuer and audience only when configured', async () => {
    const strict = new TokenVerifier({ hs256Secret: secret, issuer: 'pac', audience: 'gateway' });
    const plain = await signDevToken(secret, { partnerId, roles: ['partner:admin'] });
    expect((await strict.verify(plain)).ok).toBe(false);
    const good = await signDevToken(secret, {
      partnerId,
      roles: ['partner:admin'],
      issuer: 'pac',
      audience: 'gateway',
    });
    expect((await strict.verify(good)).ok).toBe(true);
  });
});
