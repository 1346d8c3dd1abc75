import pino from 'pino';
import { REDACTED_PATHS } from './create-logger';

/** What one log call writes, through the same redaction as createLogger. */
function logged(entry: object): Record<string, unknown> {
  const lines: string[] = [];
  const logger = pino(
    { redact: { paths: REDACTED_PATHS, censor: '[redacted]' } },
    { write: (line: string) => lines.push(line) },
  );
  logger.info(entry, 'entry');
  return JSON.parse(lines[0]!) as Record<string, unknown>;
}

describe('log redaction', () => {
  it('hides tokens, telemetry keys, passwords and webhook secrets', () => {
    const entry = logged({
      req: { headers: { authorization: 'Bearer eyJ', 'x-telemetry-key': 'tk_1', 'x-internal-token': 'it' } },
      webhook: { id: 'w-1', secret: 'whsec_1' },
      password: 'p',
      telemetryKey: 'tk_2',
    });
    expect(entry).toMatchObject({
      req: {
        headers: {
          authorization: '[redacted]',
          'x-telemetry-key': '[redacted]',
          'x-internal-token': '[redacted]',
        },
      },
      webhook: { id: 'w-1', secret: '[redacted]' },
      password: '[redacted]',
      telemetryKey: '[redacted]',
    });
  });

  it('keeps fields that are merely called key: an Idempotency-Key is not a secret', () => {
    expect(logged({ key: 'idem-123', message: { key: 'tenant-1' } })).toMatchObject({
      key: 'idem-123',
      message: { key: 'tenant-1' },
    });
  });
});
