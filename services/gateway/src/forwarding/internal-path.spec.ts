import { fillRoute, internalRoute } from './internal-path';

describe('internal paths', () => {
  it('are the public routes without /v1', () => {
    expect(internalRoute('/v1/tenants/:tenantId/environments')).toBe('/tenants/:tenantId/environments');
    expect(internalRoute('/v1/partners/me')).toBe('/partners/me');
    expect(() => internalRoute('/health/ready')).toThrow('not a public route');
    expect(() => internalRoute('/v1')).toThrow('not a public route');
  });

  it('fill each parameter encoded, so that a value stays one segment', () => {
    const route = '/tenants/:tenantId/environments/:name/updates/:targetVersion/cancel';
    expect(fillRoute(route, { tenantId: 't-1', name: 'Prod A', targetVersion: '26.1' })).toBe(
      '/tenants/t-1/environments/Prod%20A/updates/26.1/cancel',
    );
    expect(fillRoute('/tenants/:tenantId', { tenantId: '../partners/me?x=1#y' })).toBe(
      '/tenants/..%2Fpartners%2Fme%3Fx%3D1%23y',
    );
    expect(fillRoute('/releases', {})).toBe('/releases');
  });

  it('refuse a route whose parameter has no value', () => {
    expect(() => fillRoute('/tenants/:tenantId', {})).toThrow('no value for :tenantId');
  });
});
