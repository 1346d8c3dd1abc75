import { readConfig } from './load-config';
import { ServiceConfig } from './service-config';

describe('service configuration', () => {
  const valid = {
    PORT: '3001',
    DATABASE_URL: 'postgres://tenant_svc:pw@127.0.0.1:54329/admin_center',
    KAFKA_BROKERS: '127.0.0.1:19092',
  };

  it('reads a valid environment with defaults', () => {
    const result = readConfig(ServiceConfig, valid);
    expect(result).toMatchObject({
      ok: true,
      config: { PORT: 3001, NODE_ENV: 'development', LOG_LEVEL: 'info' },
    });
    if (result.ok) expect(result.config.kafkaBrokers).toEqual(['127.0.0.1:19092']);
  });

  it('names every missing or bad variable', () => {
    const result = readConfig(ServiceConfig, { PORT: 'abc', KAFKA_BROKERS: 'a, b', NODE_ENV: 'prod' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const names = result.problems.map((p) => p.split(':')[0]);
    expect(names).toEqual(expect.arrayContaining(['PORT', 'DATABASE_URL', 'KAFKA_BROKERS', 'NODE_ENV']));
  });

  it('refuses the development internal secret in production, and accepts a real one', () => {
    const refused = readConfig(ServiceConfig, { ...valid, NODE_ENV: 'production' });
    expect(refused).toEqual({
      ok: false,
      problems: ['INTERNAL_AUTH_SECRET: the development secret cannot be used in production'],
    });
    const secret = 'a-real-secret-of-at-least-32-characters!';
    const accepted = readConfig(ServiceConfig, {
      ...valid,
      NODE_ENV: 'production',
      INTERNAL_AUTH_SECRET: secret,
    });
    expect(accepted.ok).toBe(true);
  });
});
