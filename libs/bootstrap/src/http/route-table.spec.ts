import { RouteTable } from './route-table';

describe('RouteTable: which methods a path is served with', () => {
  const table = new RouteTable();
  table.add('GET', '/v1/tenants');
  table.add(['POST', 'HEAD'], '/v1/tenants');
  table.add('GET', '/v1/tenants/:tenantId');
  table.add('PATCH', '/v1/tenants/:tenantId');
  table.add('GET', '/docs/*');
  table.add('GET', '/v1/files/:name.json');
  table.add('OPTIONS', '*');
  table.add('OPTIONS', '/v1/tenants');

  it('lists the methods of a known path, OPTIONS left out', () => {
    expect(table.methodsOf('/v1/tenants')).toEqual(['GET', 'POST', 'HEAD']);
    expect(table.methodsOf('/v1/tenants/0b0f6d8e-64a4-4b8e-9c39-6f1b1c7b2a01')).toEqual(['GET', 'PATCH']);
  });

  it('matches one segment per parameter, the rest of the path for a wildcard', () => {
    expect(table.methodsOf('/v1/tenants/a/b')).toEqual([]);
    expect(table.methodsOf('/docs/swagger-ui.css')).toEqual(['GET']);
    expect(table.methodsOf('/v1/files/report.json')).toEqual(['GET']);
    expect(table.methodsOf('/v1/files/reportxjson')).toEqual([]);
  });

  it('knows no path through a catch-all route: an unknown path has no methods', () => {
    expect(table.methodsOf('/nope')).toEqual([]);
    expect(table.methodsOf('/v1/tenants/')).toEqual([]);
  });
});
