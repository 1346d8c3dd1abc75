import type { MessagingLogger } from '../logger';

export interface OutageLogOptions {
  /** What is down, as the log says it: e.g. "postgres unreachable". */
  what: string;
  logger: MessagingLogger;
  /** At most one warning per this many ms while the outage lasts; default 10 s. */
  everyMs?: number;
  /** Milliseconds since the epoch; Date.now by default (tests pass their own). */
  now?: () => number;
}

/**
 * The log of one outage, rate-limited: the first failure is logged at once, then at most one line every
 * `everyMs` counting the attempts since the outage began, and one line when it ends. A relay retrying a
 * database that is down logs a few lines a minute instead of one per attempt.
 */
export class OutageLog {
  private since: number | undefined;
  private attempts = 0;
  private lastLogged = 0;
  private readonly everyMs: number;
  private readonly now: () => number;

  constructor(private readonly options: OutageLogOptions) {
    this.everyMs = options.everyMs ?? 10_000;
    this.now = options.now ?? Date.now;
  }

  /** One more failed attempt; logs it if the last line is old enough. */
  failed(error: unknown, retryInMs: number, context: object = {}): void {
    const now = this.now();
    this.since ??= now;
    this.attempts += 1;
    if (this.attempts > 1 && now - this.lastLogged < this.everyMs) return;
    this.lastLogged = now;
    const since = new Date(this.since).toISOString();
    this.options.logger.warn(
      { ...context, err: error, retryInMs, attempts: this.attempts, since },
      `${this.options.what}, retrying in ${retryInMs} ms; ${this.attempts} attempts since ${since}`,
    );
  }

  /** The thing works again: says so once if it was down, and starts afresh. */
  recovered(context: object = {}): void {
    if (this.since === undefined) return;
    const downMs = this.now() - this.since;
    this.options.logger.info(
      { ...context, attempts: this.attempts, downMs },
      `${this.options.what}: recovered after ${this.attempts} failed attempts in ${downMs} ms`,
    );
    this.since = undefined;
    this.attempts = 0;
    this.lastLogged = 0;
  }
}
