import { readFileSync } from 'node:fs';
import { buildPublishedDocument, documentText, publishedDocumentPath } from './published-document';
import { problemAnswers } from './openapi';

describe('the published OpenAPI document (libs/api-client/openapi.json)', () => {
  it('is the one the gateway serves (run `npm run openapi` after changing a route or a contract class)', async () => {
    const built = documentText(await buildPublishedDocument());
    expect(readFileSync(publishedDocumentPath(), 'utf8')).toBe(built);
  });

  it('gives each list its page schema, each operation a summary and integer limits', async () => {
    const document = await buildPublishedDocument();
    const listTenants = document.paths['/v1/tenants']!.get!;
    expect(listTenants.summary).toBeTruthy();
    const ok = listTenants.responses['200'] as { content: Record<string, { schema: unknown }> };
    expect(ok.content['application/json']!.schema).toEqual({
      allOf: [
        { $ref: '#/components/schemas/PageResponse' },
        expect.objectContaining({
          properties: { items: { type: 'array', items: { $ref: '#/components/schemas/TenantResponse' } } },
        }),
      ],
    });
    const limit = listTenants.parameters!.find((p) => 'name' in p && p.name === 'limit') as {
      schema: { type: string };
    };
    expect(limit.schema.type).toBe('integer');
    expect(document.servers?.length).toBeGreaterThan(0);
  });
});

describe('problemAnswers', () => {
  const statuses = (op: Parameters<typeof problemAnswers>[0]) => problemAnswers(op).map((a) => a.status);

  it('gives a write with a body and a tenant in its path every check it can fail', () => {
    const op = {
      method: 'post',
      path: '/v1/tenants/{tenantId}/environments',
      access: 'act',
      takesInput: true,
      hasBody: true,
    };
    expect(statuses(op)).toEqual([400, 401, 403, 404, 409, 413, 415, 422, 429, 503]);
    const notFound = problemAnswers(op).find((a) => a.status === 404)!;
    expect(notFound.codes).toEqual(['not-found', 'tenant-not-found']);
    expect(problemAnswers(op).find((a) => a.status === 409)!.codes).toContain('quota-exceeded');
  });

  it('gives a plain read only the checks a read can fail', () => {
    expect(
      statuses({ method: 'get', path: '/v1/partners/me', access: 'read', takesInput: false, hasBody: false }),
    ).toEqual([401, 403, 429, 503]);
  });

  it('refuses an ingestion request for its key, never for a role', () => {
    const answers = problemAnswers({
      method: 'post',
      path: '/v1/telemetry',
      access: 'public',
      takesInput: true,
      hasBody: true,
    });
    expect(answers.find((a) => a.status === 401)!.codes).toEqual(['telemetry-key-invalid']);
    expect(answers.map((a) => a.status)).not.toContain(403);
  });
});
