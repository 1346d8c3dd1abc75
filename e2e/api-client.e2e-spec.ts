import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createApiClient, type ApiClient, type ApiSchema } from '@pac/api-client';
import { signDevTokenFromEnv, type Role } from '@pac/auth';
import { gatewayUrl, GatewayClient } from '@pac/testing';

/**
 * The generated client (libs/api-client) against the running gateway: it compiles against the checked-in
 * document (`npm run typecheck` covers this file), the document is the one the gateway serves, and what the
 * gateway answers has the shapes the document promises. A drift between document and behaviour fails here.
 */
const checkedIn = JSON.parse(
  readFileSync(path.join(__dirname, '..', 'libs', 'api-client', 'openapi.json'), 'utf8'),
) as OpenApiDocument;

interface OpenApiDocument {
  paths: Record<string, Record<string, { responses: Record<string, { $ref: string }> }>>;
  components: { responses: Record<string, { content: Record<string, { schema: CodeSchema }> }> };
}
interface CodeSchema {
  allOf: [unknown, { properties: { code: { enum: string[] } } }];
}

/** The problem codes the document gives for one answer of one operation. */
function documentedCodes(route: string, method: string, status: number): string[] {
  const ref = checkedIn.paths[route]![method]!.responses[String(status)]!.$ref;
  const response = checkedIn.components.responses[ref.split('/').pop()!]!;
  return response.content['application/problem+json']!.schema.allOf[1].properties.code.enum;
}

describe('the generated API client', () => {
  const as = async (partnerId: string, role: Role): Promise<ApiClient> =>
    createApiClient({
      baseUrl: gatewayUrl(),
      token: await signDevTokenFromEnv(process.env, { partnerId, roles: [role] }),
    });

  it('is generated from the document the gateway serves', async () => {
    const served = await new GatewayClient(gatewayUrl()).get<unknown>('/openapi.json');
    expect(served.status).toBe(200);
    expect(served.body).toEqual(checkedIn);
  });

  let partnerId: string;
  let admin: ApiClient;

  beforeAll(async () => {
    const platform = await as(randomUUID(), 'platform:admin');
    const partner = await platform.POST('/v1/partners', { body: { name: 'Typed client partner' } });
    expect(partner.response.status).toBe(201);
    partnerId = partner.data!.id;
    admin = await as(partnerId, 'partner:admin');
  });

  it('creates, reads and lists customers with the shapes the document gives', async () => {
    const created = await admin.POST('/v1/tenants', {
      body: { name: 'Typed Client GmbH', countryCode: 'DE', tags: ['typed-client'] },
    });
    expect(created.response.status).toBe(201);
    const tenant: ApiSchema<'TenantResponse'> = created.data!;
    expect(tenant).toMatchObject({
      name: 'Typed Client GmbH',
      countryCode: 'DE',
      partnerId,
    });

    const read = await admin.GET('/v1/tenants/{tenantId}', { params: { path: { tenantId: tenant.id } } });
    expect(read.data).toEqual(tenant);

    const page = await admin.GET('/v1/tenants', { params: { query: { limit: 1, tag: 'typed-client' } } });
    expect(page.response.status).toBe(200);
    expect(page.data!.items.map((item) => item.id)).toEqual([tenant.id]);
    expect(page.data!.nextCursor === null || typeof page.data!.nextCursor === 'string').toBe(true);

    const environments = await admin.GET('/v1/tenants/{tenantId}/environments', {
      params: { path: { tenantId: tenant.id }, query: { limit: 10 } },
    });
    expect(environments.data).toEqual({ items: expect.any(Array), nextCursor: null });
  });

  it('gives problems as the Problem schema, with a code the operation documents', async () => {
    const missing = await admin.GET('/v1/tenants/{tenantId}', {
      params: { path: { tenantId: randomUUID() } },
    });
    expect(missing.response.status).toBe(404);
    const problem = missing.error!;
    expect(problem).toMatchObject({ status: 404, title: expect.any(String), type: expect.any(String) });
    expect(documentedCodes('/v1/tenants/{tenantId}', 'get', 404)).toContain(problem.code);

    const invalid = await admin.POST('/v1/tenants', { body: { name: '', countryCode: 'DE' } });
    expect(invalid.response.status).toBe(400);
    expect(documentedCodes('/v1/tenants', 'post', 400)).toContain(invalid.error!.code);
    expect(invalid.error).toMatchObject({
      code: 'validation-failed',
      errors: [expect.objectContaining({ field: 'name' })],
    });
  });
});
