import { decodeJwt } from 'jose';
import { DEVELOPMENT_JWT_SECRET, signDevTokenFromEnv } from './dev-token';
import { TokenVerifier } from './token-verifier';

const secret = 'a-test-secret-of-enough-length-1234567890';
const partnerId = '6f1c7a52-7a3e-4a0e-9a55-1f7c0f5b2a11';
const request = { partnerId, roles: ['platform:admin' as const] };

describe('signDevTokenFromEnv: a development token the gateway of the same environment accepts', () => {
  it('sets iss and aud from AUTH_ISSUER and AUTH_AUDIENCE, so that a gateway checking them accepts it', async () => {
    const env = { AUTH_JWT_SECRET: secret, AUTH_ISSUER: 'https://login.example', AUTH_AUDIENCE: 'pac-api' };
    const token = await signDevTokenFromEnv(env, request);

    expect(decodeJwt(token)).toMatchObject({ iss: 'https://login.example', aud: 'pac-api' });
    const gateway = new TokenVerifier({
      hs256Secret: secret,
      issuer: 'https://login.example',
      audience: 'pac-api',
    });
    expect(await gateway.verify(token)).toMatchObject({ ok: true, caller: { partnerId } });
  });

  it('sets only the one configured: an issuer without an audience', async () => {
    const token = await signDevTokenFromEnv({ AUTH_JWT_SECRET: secret, AUTH_ISSUER: 'pac' }, request);

    const claims = decodeJwt(token);
    expect(claims.iss).toBe('pac');
    expect(claims).not.toHaveProperty('aud');
    expect((await new TokenVerifier({ hs256Secret: secret, issuer: 'pac' }).verify(token)).ok).toBe(true);
  });

  it('sets neither when they are unset or empty (the gateway then checks neither)', async () => {
    for (const env of [
      { AUTH_JWT_SECRET: secret },
      { AUTH_JWT_SECRET: secret, AUTH_ISSUER: '', AUTH_AUDIENCE: '' },
    ]) {
      const token = await signDevTokenFromEnv(env, request);

      const claims = decodeJwt(token);
      expect(claims).not.toHaveProperty('iss');
      expect(claims).not.toHaveProperty('aud');
      expect((await new TokenVerifier({ hs256Secret: secret }).verify(token)).ok).toBe(true);
    }
  });

  it('signs with AUTH_JWT_SECRET, or the development secret when it is unset or empty', async () => {
    const withSecret = await signDevTokenFromEnv({ AUTH_JWT_SECRET: secret }, request);
    expect((await new TokenVerifier({ hs256Secret: DEVELOPMENT_JWT_SECRET }).verify(withSecret)).ok).toBe(
      false,
    );

    for (const env of [{}, { AUTH_JWT_SECRET: '' }]) {
      const token = await signDevTokenFromEnv(env, request);
      expect((await new TokenVerifier({ hs256Secret: DEVELOPMENT_JWT_SECRET }).verify(token)).ok).toBe(true);
    }
  });
});
