import pino, { type Logger } from 'pino';

/**
 * Where secrets can stand in what we log, by path: bearer tokens, the gateway's internal token, telemetry keys,
 * cookies, passwords and webhook secrets. Named by path rather than by a common word, so that a harmless field
 * that happens to be called `key` (an Idempotency-Key, a message key) stays readable.
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-telemetry-key"]',
  'req.headers["x-internal-token"]',
  'headers.authorization',
  'headers["x-telemetry-key"]',
  'headers["x-internal-token"]',
  'password',
  '*.password',
  'secret',
  '*.secret',
  'telemetryKey',
  '*.telemetryKey',
];

/** JSON logs on stdout, one line per entry, with the service name on every line. */
export function createLogger(service: string, level = 'info'): Logger {
  return pino({
    level,
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    formatters: { level: (label) => ({ level: label }) },
  });
}

export type { Logger };
