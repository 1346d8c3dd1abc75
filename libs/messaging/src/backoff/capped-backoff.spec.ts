import { CappedBackoff } from './capped-backoff';

describe('CappedBackoff', () => {
  it('doubles from the initial delay up to the cap, each delay between half its step and the step', () => {
    const low = new CappedBackoff({ initialMs: 100, maxMs: 1_000, random: () => 0 });
    const high = new CappedBackoff({ initialMs: 100, maxMs: 1_000, random: () => 0.999_999 });
    const lows = Array.from({ length: 7 }, () => low.next());
    const highs = Array.from({ length: 7 }, () => high.next());
    expect(lows).toEqual([50, 100, 200, 400, 500, 500, 500]);
    expect(highs).toEqual([100, 200, 400, 800, 1_000, 1_000, 1_000]);
  });

  it('counts the failures and starts again from the initial delay after a reset', () => {
    const backoff = new CappedBackoff({ initialMs: 100, maxMs: 5_000, random: () => 0.5 });
    backoff.next();
    backoff.next();
    backoff.next();
    expect(backoff.attempts()).toBe(3);
    backoff.reset();
    expect(backoff.attempts()).toBe(0);
    expect(backoff.next()).toBe(75);
  });

  it('spreads the delays of instances that failed together (jitter)', () => {
    let seed = 42;
    // A small deterministic generator: the test is the same on every run.
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    const delays = Array.from({ length: 20 }, () => {
      const backoff = new CappedBackoff({ initialMs: 1_000, maxMs: 1_000, random });
      return backoff.next();
    });
    expect(new Set(delays).size).toBeGreaterThan(10);
    for (const delay of delays) {
      expect(delay).toBeGreaterThanOrEqual(500);
      expect(delay).toBeLessThanOrEqual(1_000);
    }
  });
});
