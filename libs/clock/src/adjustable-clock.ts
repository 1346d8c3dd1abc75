import { Clock } from './clock';

export type ClockChangeListener = (now: Date) => Promise<void> | void;

/**
 * Real time shifted by an offset that tests (and developers) move forward, so that windows open and deadlines
 * pass without waiting. Time keeps flowing between moves. Never used when NODE_ENV=production.
 */
export class AdjustableClock extends Clock {
  private offsetMs: number;
  private readonly listeners = new Set<ClockChangeListener>();

  constructor(
    initialOffsetMs = 0,
    private readonly realNow: () => number = Date.now,
  ) {
    super();
    this.offsetMs = initialOffsetMs;
  }

  now(): Date {
    return new Date(this.realNow() + this.offsetMs);
  }

  get offset(): number {
    return this.offsetMs;
  }

  /** Moves time forward (never backward: time-based rules assume it only grows). Returns the new now. */
  async advance(ms: number): Promise<Date> {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError('the clock only moves forward');
    this.offsetMs += ms;
    return this.notify();
  }

  /** Jumps to a given instant, if it is not in the clock's past. */
  async set(instant: Date): Promise<Date> {
    const delta = instant.getTime() - this.now().getTime();
    if (delta < 0) throw new RangeError('the clock only moves forward');
    this.offsetMs += delta;
    return this.notify();
  }

  /** Schedulers subscribe so that they run as soon as time moves, instead of at their next poll. */
  onChange(listener: ClockChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private async notify(): Promise<Date> {
    const now = this.now();
    for (const listener of this.listeners) await listener(now);
    return now;
  }
}
