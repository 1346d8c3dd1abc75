import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { buildAsyncApi } from './build-asyncapi';

describe('the AsyncAPI document', () => {
  const committed = parse(readFileSync(path.join(__dirname, '..', '..', 'docs', 'asyncapi.yaml'), 'utf8'));

  it('matches the contracts library (run `npm run asyncapi` after changing an event)', () => {
    expect(committed).toEqual(buildAsyncApi('1.0.0'));
  });

  it('documents tenant.created on the tenant topic with its required fields', () => {
    const message = committed.components.messages.tenantCreated;
    expect(message.name).toBe('tenant.created');
    expect(message.payload.required).toEqual(
      expect.arrayContaining(['tenantId', 'partnerId', 'name', 'countryCode', 'status', 'occurredAt']),
    );
    expect(Object.keys(committed.channels['admin-center.tenant.v1'].messages)).toContain('tenantCreated');
  });
});
