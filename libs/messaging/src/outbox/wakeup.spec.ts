import { Wakeup } from './wakeup';

describe('Wakeup', () => {
  it('ends a wait early when woken', async () => {
    const wakeup = new Wakeup();
    const waiting = wakeup.wait(60_000);
    wakeup.wake();
    await expect(waiting).resolves.toBeUndefined();
  });

  it('remembers a wake that came while nobody waited', async () => {
    jest.useFakeTimers();
    try {
      const wakeup = new Wakeup();
      wakeup.wake();
      await expect(wakeup.wait(60_000)).resolves.toBeUndefined();
      // Only once: the next wait sleeps for its full time.
      let done = false;
      void wakeup.wait(1_000).then(() => (done = true));
      await Promise.resolve();
      expect(done).toBe(false);
      await jest.advanceTimersByTimeAsync(1_000);
      expect(done).toBe(true);
    } finally {
      jest.useRealTimers();
    }
  });
});
