import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { eventually, gatewayUrl, GatewayClient, requiredEnv } from '@pac/testing';

jest.setTimeout(60_000);

/** The gateway's own refusals: what reaches no service at all. */
describe('gateway: what it refuses itself', () => {
  let partner: GatewayClient;
  let partnerId: string;
  let tenantA: string;
  let tenantB: string;

  beforeAll(async () => {
    const platform = await GatewayClient.as(gatewayUrl(), {
      partnerId: randomUUID(),
      roles: ['platform:admin'],
    });
    partnerId = (await platform.post<{ id: string }>('/v1/partners', { name: 'Edge Partners' })).body.id;
    partner = await GatewayClient.as(gatewayUrl(), { partnerId, roles: ['partner:admin'] });
    tenantA = (await partner.post<{ id: string }>('/v1/tenants', { name: 'Edge A', countryCode: 'FR' })).body
      .id;
    tenantB = (await partner.post<{ id: string }>('/v1/tenants', { name: 'Edge B', countryCode: 'FR' })).body
      .id;
  });

  it('answers an oversize JSON body with 413 problem+json', async () => {
    const answer = await partner.post<{ status: number; code: string }>(
      '/v1/tenants',
      JSON.stringify({ name: 'x'.repeat(300_000), countryCode: 'FR' }),
    );
    expect(answer.status).toBe(413);
    expect(answer.headers.get('content-type')).toContain('application/problem+json');
    expect(answer.body.status).toBe(413);
    expect(answer.body.code).toBe('payload-too-large');
    expect(answer.headers.get('x-request-id')).toBeTruthy();
  });

  it('answers a body that is not JSON with 415 problem+json, and malformed JSON with 400', async () => {
    for (const contentType of ['text/plain', 'application/xml', 'application/x-www-form-urlencoded']) {
      const answer = await partner.post<{ status: number; detail: string; code: string }>(
        '/v1/tenants',
        'name=x',
        { 'content-type': contentType },
      );
      expect({ contentType, status: answer.status }).toEqual({ contentType, status: 415 });
      expect(answer.headers.get('content-type')).toContain('application/problem+json');
      expect(answer.body.detail).toContain('application/json');
      expect(answer.body.code).toBe('unsupported-media-type');
    }
    for (const body of ['{"name": ', '{"__proto__": {"x": 1}}']) {
      const malformed = await partner.post<{ code: string }>('/v1/tenants', body);
      expect({ body, status: malformed.status }).toEqual({ body, status: 400 });
      expect(malformed.headers.get('content-type')).toContain('application/problem+json');
      expect(malformed.body.code).toBe('malformed-json');
    }
    const empty = await partner.send<{ code: string }>('POST', '/v1/tenants', undefined, {
      'content-type': 'application/json',
    });
    expect(empty.status).toBe(400);
    expect(empty.body.code).toBe('malformed-json');
  });

  it('answers what the HTTP framework refuses before any route as problem+json with a code and a request id', async () => {
    const cases: Array<{ method: string; path: string; status: number; code: string }> = [
      // a path parameter longer than Fastify's maxParamLength
      { method: 'GET', path: `/v1/tenants/${'a'.repeat(200)}`, status: 414, code: 'uri-too-long' },
      { method: 'GET', path: '/v1/tenants/%zz', status: 400, code: 'malformed-url' },
      { method: 'GET', path: '/v1/no-such-thing', status: 404, code: 'route-not-found' },
      { method: 'POST', path: '/v1/tenants/x/y/z', status: 404, code: 'route-not-found' },
      { method: 'DELETE', path: '/v1/tenants', status: 405, code: 'method-not-allowed' },
      { method: 'PUT', path: `/v1/tenants/${tenantA}`, status: 405, code: 'method-not-allowed' },
    ];
    for (const client of [partner, partner.withoutToken()]) {
      for (const { method, path: url, status, code } of cases) {
        const answer = await client.send<{ status: number; code: string }>(method, url);
        expect({ method, url, status: answer.status, code: answer.body.code }).toEqual({
          method,
          url,
          status,
          code,
        });
        expect(answer.headers.get('content-type')).toContain('application/problem+json');
        expect(answer.body.status).toBe(status);
        expect(answer.headers.get('x-request-id')).toBeTruthy();
      }
    }
    const wrongMethod = await partner.send('DELETE', '/v1/tenants');
    expect(wrongMethod.headers.get('allow')).toBe('GET, HEAD, POST');
  });

  it('answers what node’s HTTP parser refuses before the framework (a 20 KB URL: 431) as problem+json with a code', async () => {
    const answer = await partner.send<{ status: number; code: string }>(
      'GET',
      `/v1/tenants?name=${'a'.repeat(20_000)}`,
    );
    expect(answer.status).toBe(431);
    expect(answer.headers.get('content-type')).toContain('application/problem+json');
    expect(answer.body).toMatchObject({ status: 431, code: 'headers-too-large' });
  });

  it('answers 401 with WWW-Authenticate: Bearer and a request id', async () => {
    const answer = await partner.withoutToken().get<{ code: string }>('/v1/tenants');
    expect(answer.status).toBe(401);
    expect(answer.body.code).toBe('unauthorized');
    expect(answer.headers.get('www-authenticate')).toBe('Bearer');
    expect(answer.headers.get('x-request-id')).toBeTruthy();
  });

  it('keeps a customer admin to their tenant: 404 for another, before any service is called', async () => {
    const customer = await GatewayClient.as(gatewayUrl(), {
      partnerId,
      roles: ['customer:admin'],
      tenantId: tenantA,
    });
    expect((await customer.get(`/v1/tenants/${tenantA}`)).status).toBe(200);

    const refusedId = `refused-${randomUUID()}`;
    const refused = await customer.get<{ status: number; code: string }>(`/v1/tenants/${tenantB}`, {
      'x-request-id': refusedId,
    });
    expect(refused.status).toBe(404);
    expect(refused.body.code).toBe('not-found');
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(refused.headers.get('x-request-id')).toBe(refusedId);

    // The tenant service logs every request with its id: a call that reached it shows up, the refused one never.
    const reachedId = `reached-${randomUUID()}`;
    await customer.get(`/v1/tenants/${tenantA}`, { 'x-request-id': reachedId });
    const tenantLog = () => {
      const folder = requiredEnv('TEST_LOG_DIR');
      return readdirSync(folder)
        .filter((file) => file.startsWith('tenant-'))
        .map((file) => readFileSync(path.join(folder, file), 'utf8'))
        .join('\n');
    };
    const log = await eventually(
      async () => tenantLog(),
      (text) => text.includes(reachedId),
    );
    expect(log).not.toContain(refusedId);
  });

  it('refuses query parameters a route does not take, naming them', async () => {
    const answer = await partner.get<{ errors: Array<{ field: string }>; code: string }>(
      `/v1/tenants/${tenantA}?expand=all`,
    );
    expect(answer.status).toBe(400);
    expect(answer.body.code).toBe('validation-failed');
    expect(answer.body.errors).toEqual([expect.objectContaining({ field: 'expand' })]);
  });

  it('marks every API answer nosniff, no-store and not frameable, errors and the framework’s refusals too', async () => {
    const answers = [
      await partner.get(`/v1/tenants/${tenantA}`),
      await partner.post('/v1/tenants', { name: 42 }),
      await partner.withoutToken().get('/v1/tenants'),
      await partner.get('/v1/no-such-thing'),
      await partner.get(`/v1/tenants/${'a'.repeat(200)}`),
      await new GatewayClient(gatewayUrl()).get('/openapi.json'),
    ];
    for (const answer of answers) {
      expect({
        status: answer.status,
        nosniff: answer.headers.get('x-content-type-options'),
        cache: answer.headers.get('cache-control'),
        frame: answer.headers.get('x-frame-options'),
        csp: answer.headers.get('content-security-policy'),
      }).toEqual({
        status: answer.status,
        nosniff: 'nosniff',
        cache: 'no-store',
        frame: 'DENY',
        csp: "default-src 'none'; frame-ancestors 'none'",
      });
      // HTTPS-only is for production (gateway-process.int-spec): this gateway runs with NODE_ENV=test.
      expect(answer.headers.get('strict-transport-security')).toBeNull();
    }
  });

  it('serves /docs with a CSP that lets Swagger UI load its own files and nothing else, and no framing', async () => {
    const page = await fetch(`${gatewayUrl()}/docs`);
    expect(page.status).toBe(200);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-eval');
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    // Every script of the page is a file of its own: an inline script would need 'unsafe-inline'.
    const html = await page.text();
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    for (const src of [...html.matchAll(/<script[^>]*src="([^"]+)"/g)].map((m) => m[1]!)) {
      const script = await fetch(new URL(src, `${gatewayUrl()}/docs`));
      expect({ src, status: script.status }).toEqual({ src, status: 200 });
    }
  });

  it('allows no cross-origin caller by default: no preflight answered, no CORS headers', async () => {
    const preflight = await fetch(`${gatewayUrl()}/v1/tenants`, {
      method: 'OPTIONS',
      headers: { origin: 'https://portal.example', 'access-control-request-method': 'GET' },
    });
    expect(preflight.status).toBeGreaterThanOrEqual(400);
    expect(preflight.headers.get('content-type')).toContain('application/problem+json');
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    const read = await partner.get('/v1/tenants', { origin: 'https://portal.example' });
    expect(read.status).toBe(200);
    expect(read.headers.get('access-control-allow-origin')).toBeNull();
  });
});
