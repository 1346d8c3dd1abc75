import { advisoryLockKey } from './advisory-lock-key';
import { serviceRoleName } from './identifiers';
import { serviceDatabaseUrl } from './service-database';

describe('serviceDatabaseUrl', () => {
  it('swaps the admin credentials for the service role and its password', () => {
    const url = serviceDatabaseUrl(
      'postgres://postgres:secret@127.0.0.1:54329/admin_center',
      'tenant',
      'p@ss/w:rd',
    );
    const parsed = new URL(url);
    expect(decodeURIComponent(parsed.username)).toBe('tenant_svc');
    expect(decodeURIComponent(parsed.password)).toBe('p@ss/w:rd');
    expect(parsed.host).toBe('127.0.0.1:54329');
    expect(parsed.pathname).toBe('/admin_center');
  });
});

describe('serviceRoleName', () => {
  it('refuses names that are not plain identifiers, since they end up in DDL', () => {
    expect(serviceRoleName('lifecycle')).toBe('lifecycle_svc');
    for (const bad of ['', 'Tenant', '1tenant', 'tenant; drop table x', 'ten-ant', 'a'.repeat(60)]) {
      expect(() => serviceRoleName(bad)).toThrow('invalid service name');
    }
  });
});

describe('advisoryLockKey', () => {
  it('is a stable signed 64-bit integer that differs by purpose and schema', () => {
    const key = advisoryLockKey('migrations', 'tenant');
    expect(key).toBe(advisoryLockKey('migrations', 'tenant'));
    expect(BigInt(key) >= -(2n ** 63n) && BigInt(key) < 2n ** 63n).toBe(true);
    expect(key).not.toBe(advisoryLockKey('outbox-relay', 'tenant'));
    expect(key).not.toBe(advisoryLockKey('migrations', 'lifecycle'));
  });
});
