/** Which service a public route belongs to: the one whose fault should be the only cause of its errors. */
export type RouteOwner = 'tenant' | 'lifecycle' | 'notification' | 'telemetry' | 'sandbox';

export interface Exchange {
  at: number;
  owner: RouteOwner;
  /** The HTTP status, or 0 when no answer came (connection refused or reset: the gateway was down). */
  status: number;
}

/** Every request the load and the probes sent, with its answer, for the per-fault figures. */
export class TrafficLog {
  readonly exchanges: Exchange[] = [];

  record(owner: RouteOwner, status: number): void {
    this.exchanges.push({ at: Date.now(), owner, status });
  }

  between(from: number, to: number): Exchange[] {
    return this.exchanges.filter((e) => e.at >= from && e.at <= to);
  }

  /** The first moment at or after `from` when a request to `owner`'s routes got a 2xx. */
  firstSuccessAfter(owner: RouteOwner | 'any', from: number): number | undefined {
    return this.exchanges.find(
      (e) => e.at >= from && (owner === 'any' || e.owner === owner) && e.status >= 200 && e.status < 300,
    )?.at;
  }
}
