/**
 * A sleep that can be cut short. A wake() that comes while nobody sleeps is remembered, so that a
 * notification arriving between two waits is not lost.
 */
export class Wakeup {
  private pending = false;
  private current: { resolve: () => void; timer: NodeJS.Timeout } | undefined;

  wake(): void {
    if (this.current) {
      const { resolve, timer } = this.current;
      this.current = undefined;
      clearTimeout(timer);
      resolve();
    } else {
      this.pending = true;
    }
  }

  /** Resolves after `ms`, or at the next wake(), whichever comes first. */
  wait(ms: number): Promise<void> {
    if (this.pending) {
      this.pending = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.current = undefined;
        resolve();
      }, ms);
      this.current = { resolve, timer };
    });
  }
}
