/**
 * What Swagger UI at /docs needs, and nothing more: its own scripts and styles (plus the inline style block of
 * its page), its images and icons (data: URIs), calls to this origin ("Try it out"), and never in a frame.
 */
export const DOCS_CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** An API answer is data, never a page to render, run or frame. */
export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";

/** One year, subdomains included: once a browser has seen the API over HTTPS, it never tries plain HTTP. */
export const STRICT_TRANSPORT_SECURITY = 'max-age=31536000; includeSubDomains';

/**
 * The headers every answer of the gateway carries (createServiceApp's answerHeaders: errors, 404s,
 * preflights and Fastify's own refusals too), by request URL:
 * - `x-content-type-options: nosniff` (a browser takes the content type as given) and `x-frame-options: DENY`;
 * - API answers: `cache-control: no-store` (partners' data stays out of shared and browser caches) and a CSP
 *   that allows nothing; `/docs` gets the CSP Swagger UI works with, and keeps its static files cacheable;
 * - in production, `strict-transport-security` (TLS is terminated in front of the gateway).
 */
export function securityHeaders(options: { production: boolean }): (url: string) => Record<string, string> {
  const common: Record<string, string> = {
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    ...(options.production ? { 'strict-transport-security': STRICT_TRANSPORT_SECURITY } : {}),
  };
  const api = {
    ...common,
    'cache-control': 'no-store',
    'content-security-policy': API_CONTENT_SECURITY_POLICY,
  };
  const docs = { ...common, 'content-security-policy': DOCS_CONTENT_SECURITY_POLICY };
  return (url) => (isDocs(url) ? docs : api);
}

function isDocs(url: string): boolean {
  return url === '/docs' || url.startsWith('/docs/') || url.startsWith('/docs?');
}
