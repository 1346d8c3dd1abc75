import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { IDEMPOTENCY_KEY_HEADER, IDEMPOTENT_REPLAYED_HEADER } from '@pac/http-contracts';

/** What a browser front end may send: its token, JSON, an idempotency key, its own request id. */
const ALLOWED_REQUEST_HEADERS = ['authorization', 'content-type', IDEMPOTENCY_KEY_HEADER, 'x-request-id'];

/** Answer headers a front end reads besides the simple ones (content-type, cache-control, ...). */
export const EXPOSED_HEADERS = [
  'x-request-id',
  'retry-after',
  'ratelimit',
  'ratelimit-policy',
  IDEMPOTENT_REPLAYED_HEADER,
  'location',
];

/** How long a browser may reuse a preflight answer, in seconds. */
const PREFLIGHT_MAX_AGE_SECONDS = 600;

/**
 * Cross-origin calls from the front ends named in CORS_ORIGINS (the portal, partners' own front ends), and
 * from no other origin: without the setting, CORS is off and browsers keep every other origin out.
 *
 * An allowed origin gets its preflight answered (204) and, on every answer, access-control-allow-origin and
 * the exposed headers. Another origin's preflight is not answered (404/405 problem+json, as any OPTIONS
 * request), and its other requests get no CORS headers, so the browser does not let the page read them.
 * Tokens travel in the authorization header, never in cookies: no credentials mode.
 */
export function allowCorsFrom(app: NestFastifyApplication, origins: readonly string[]): void {
  if (origins.length === 0) return;
  const allowed = new Set(origins);
  app.enableCors({
    origin: (origin: string | undefined, done: (error: Error | null, allow: boolean) => void) =>
      done(null, origin !== undefined && allowed.has(origin)),
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: ALLOWED_REQUEST_HEADERS,
    exposedHeaders: EXPOSED_HEADERS,
    maxAge: PREFLIGHT_MAX_AGE_SECONDS,
  });
}
