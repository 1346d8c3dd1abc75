import { DEVELOPMENT_JWT_SECRET, signDevToken, type Role } from '@pac/auth';

export interface ApiResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

/** Calls the public API as a front end would: JSON in and out, a bearer token, nothing internal. */
export class GatewayClient {
  constructor(
    readonly baseUrl: string,
    private readonly token?: string,
  ) {}

  static async as(
    baseUrl: string,
    claims: { partnerId: string; roles: Role[]; tenantId?: string },
  ): Promise<GatewayClient> {
    const secret = process.env['AUTH_JWT_SECRET'] ?? DEVELOPMENT_JWT_SECRET;
    return new GatewayClient(
      baseUrl,
      await signDevToken(secret, { ...claims, subject: `test:${claims.roles[0]}` }),
    );
  }

  withoutToken(): GatewayClient {
    return new GatewayClient(this.baseUrl);
  }

  get<T = unknown>(path: string, headers: Record<string, string> = {}): Promise<ApiResponse<T>> {
    return this.send<T>('GET', path, undefined, headers);
  }

  post<T = unknown>(
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<ApiResponse<T>> {
    return this.send<T>('POST', path, body, headers);
  }

  patch<T = unknown>(
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<ApiResponse<T>> {
    return this.send<T>('PATCH', path, body, headers);
  }

  delete<T = unknown>(path: string, headers: Record<string, string> = {}): Promise<ApiResponse<T>> {
    return this.send<T>('DELETE', path, undefined, headers);
  }

  /**
   * The bare fetch Response, body unread: for streams (server-sent events), headers-only checks, and bodies
   * sent as exact bytes (encodings).
   */
  raw(
    method: string,
    path: string,
    headers: Record<string, string> = {},
    body?: Uint8Array,
  ): Promise<Response> {
    return fetch(`${this.baseUrl}${path}`, {
      method,
      headers: { ...(this.token ? { authorization: `Bearer ${this.token}` } : {}), ...headers },
      ...(body !== undefined ? { body } : {}),
    });
  }

  async send<T>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<ApiResponse<T>> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, headers: response.headers, body: parsed as T };
  }
}
