import type { MessagingLogger } from '../logger';
import { OutageLog } from './outage-log';

function recordingLogger(): MessagingLogger & { lines: { level: string; msg: string }[] } {
  const lines: { level: string; msg: string }[] = [];
  const at = (level: string) => (obj: object | string, msg?: string) =>
    void lines.push({ level, msg: msg ?? String(obj) });
  return { lines, info: at('info'), warn: at('warn'), error: at('error'), debug: at('debug') };
}

describe('OutageLog', () => {
  it('logs the first failure at once, then at most one line per period with the attempts so far', () => {
    let now = Date.parse('2026-12-01T10:00:00.000Z');
    const logger = recordingLogger();
    const log = new OutageLog({ what: 'postgres unreachable', logger, everyMs: 10_000, now: () => now });

    // 4,600 attempts a second for 25 s would be 115,000 lines; one per 10 s is 3.
    for (let i = 0; i < 250; i += 1) {
      log.failed(new Error('ECONNREFUSED'), 100);
      now += 100;
    }

    expect(logger.lines.map((l) => l.msg)).toEqual([
      'postgres unreachable, retrying in 100 ms; 1 attempts since 2026-12-01T10:00:00.000Z',
      'postgres unreachable, retrying in 100 ms; 101 attempts since 2026-12-01T10:00:00.000Z',
      'postgres unreachable, retrying in 100 ms; 201 attempts since 2026-12-01T10:00:00.000Z',
    ]);
  });

  it('says once that the outage is over, and logs the next one afresh', () => {
    let now = 0;
    const logger = recordingLogger();
    const log = new OutageLog({ what: 'postgres unreachable', logger, now: () => now });
    log.recovered();
    expect(logger.lines).toEqual([]);

    log.failed(new Error('down'), 200);
    now += 1_500;
    log.failed(new Error('down'), 400);
    log.recovered();
    log.recovered();
    now += 60_000;
    log.failed(new Error('down again'), 100);

    expect(logger.lines).toEqual([
      {
        level: 'warn',
        msg: 'postgres unreachable, retrying in 200 ms; 1 attempts since 1970-01-01T00:00:00.000Z',
      },
      { level: 'info', msg: 'postgres unreachable: recovered after 2 failed attempts in 1500 ms' },
      {
        level: 'warn',
        msg: 'postgres unreachable, retrying in 100 ms; 1 attempts since 1970-01-01T00:01:01.500Z',
      },
    ]);
  });
});
