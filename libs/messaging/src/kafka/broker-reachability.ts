import type { Admin, Kafka } from 'kafkajs';

/** Longest a probe waits for the cluster's answer. */
const PROBE_TIMEOUT_MS = 2_000;
/** One answer serves every probe asked within this time (readiness may be polled often, by several callers). */
const ANSWER_REUSE_MS = 1_000;

/**
 * Whether the Kafka cluster answers now: one metadata request (describeCluster) through an admin client kept
 * connected, without retries and bounded in time. The relay's and the consumer's own state say what they did
 * last; this says whether Kafka is there, so that a service's readiness turns down as soon as Kafka goes
 * away, not once a consumer has used up its retries.
 */
export class BrokerReachability {
  private admin: Promise<Admin> | undefined;
  private last: { at: number; answer: Promise<boolean> } | undefined;

  constructor(
    private readonly kafka: Kafka,
    private readonly options: { timeoutMs?: number; reuseMs?: number } = {},
  ) {}

  isReachable(): Promise<boolean> {
    const at = performance.now();
    if (this.last && at - this.last.at < (this.options.reuseMs ?? ANSWER_REUSE_MS)) return this.last.answer;
    const answer = this.probe();
    this.last = { at, answer };
    return answer;
  }

  /** Disconnects; a connection still being made is closed once it settles, without waiting more than 1 s. */
  async stop(): Promise<void> {
    const admin = this.admin;
    this.admin = undefined;
    if (!admin) return;
    const disconnected = admin.then((connected) => connected.disconnect()).catch(() => undefined);
    let timer: NodeJS.Timeout | undefined;
    const waited = new Promise<void>((resolve) => (timer = setTimeout(resolve, 1_000).unref()));
    await Promise.race([disconnected, waited]);
    clearTimeout(timer);
  }

  private async probe(): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), this.options.timeoutMs ?? PROBE_TIMEOUT_MS);
    });
    try {
      const reachable = await Promise.race([this.describeCluster(), timedOut]);
      // A connection that did not answer in time is not trusted with the next probe (nor waited for).
      if (!reachable) void this.stop();
      return reachable;
    } catch {
      void this.stop();
      return false;
    } finally {
      clearTimeout(timer);
    }
  }

  private async describeCluster(): Promise<true> {
    this.admin ??= this.connect();
    await (await this.admin).describeCluster();
    return true;
  }

  private async connect(): Promise<Admin> {
    const admin = this.kafka.admin({ retry: { retries: 0 } });
    await admin.connect();
    return admin;
  }
}
