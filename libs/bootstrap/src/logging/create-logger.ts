import pino, { type Logger } from 'pino';

/** Paths never written to logs: tokens, telemetry keys, webhook secrets, passwords. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers["x-telemetry-key"]',
  'headers.authorization',
  '*.password',
  '*.secret',
  '*.key',
  'secret',
  'key',
  'password',
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
