/**
 * The one source of "now" for every rule that depends on time (update windows, deadlines, expiry, purge).
 * An abstract class so that Nest can use it as a DI token.
 */
export abstract class Clock {
  abstract now(): Date;

  nowIso(): string {
    return this.now().toISOString();
  }
}

/** Real time; the only clock allowed in production. */
export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}
