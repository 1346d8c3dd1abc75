import createClient, { type Client, type ClientOptions } from 'openapi-fetch';
import type { components, paths } from './schema';

/** A typed client of the public API: every path, parameter, body and answer as the OpenAPI document says. */
export type ApiClient = Client<paths>;

/** The API's objects by their schema name, e.g. `ApiSchema<'TenantResponse'>`. */
export type ApiSchema<Name extends keyof components['schemas']> = components['schemas'][Name];

/** Every error answer: RFC 9457 problem details with the stable `code` clients branch on. */
export type Problem = components['schemas']['Problem'];

export interface ApiClientOptions extends Omit<ClientOptions, 'baseUrl'> {
  /** The gateway, e.g. `http://127.0.0.1:3000` (paths start with /v1). */
  baseUrl: string;
  /** A bearer token, sent with every request (or give `headers`, or a middleware, yourself). */
  token?: string;
}

/**
 * `createApiClient({ baseUrl, token })`, then `await client.GET('/v1/tenants', { params: { query: { limit: 50 } } })`:
 * `data` is typed on success, `error` (a `Problem`) otherwise, `response` is the fetch Response.
 */
export function createApiClient({ token, headers, ...options }: ApiClientOptions): ApiClient {
  return createClient<paths>({
    ...options,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headersObject(headers) },
  });
}

function headersObject(headers: ClientOptions['headers']): Record<string, string> {
  if (!headers) return {};
  const entries =
    headers instanceof Headers
      ? [...headers.entries()]
      : Array.isArray(headers)
        ? headers
        : Object.entries(headers);
  return Object.fromEntries(
    entries.filter(([, value]) => value !== undefined && value !== null).map(([k, v]) => [k, String(v)]),
  );
}
