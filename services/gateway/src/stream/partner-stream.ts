import type { NotificationLocale, NotificationResponse, NotificationStreamPage } from '@pac/http-contracts';

/** One notification of a partner's stream: its position, and what a subscriber is sent of it. */
export interface StreamItem {
  sequence: number;
  tenantId: string | null;
  text: Record<NotificationLocale, { title: string; body: string }>;
  notification: Omit<NotificationResponse, 'title' | 'body'>;
}

/** Reads the notification service's stream after a position (the catch-up), for some caller. */
export type CatchUp = (after: number | undefined) => Promise<NotificationStreamPage>;

/** One open `GET /v1/stream` connection of the partner. */
export interface StreamSubscriber {
  /** A customer admin's tenant: only its notifications are sent. */
  tenantId: string | undefined;
  /** Called with each notification in order; never twice for one position. */
  receive(item: StreamItem): void;
}

/**
 * A partner's notifications in the order of their positions (1, 2, 3 ... given by the notification service
 * in commit order), for the subscribers of this gateway instance. Events reach the gateway from Kafka out of
 * that order (a partner's tenants are on several partitions) and, around a (re)join, possibly not at all:
 * an event ahead of the next expected position is held, and the gap is filled from the notification
 * service's catch-up (which has every position up to the one it answers). So subscribers get every
 * position once, in order.
 */
export class PartnerStream {
  /** The last position passed to subscribers; undefined until the stream knows where the partner is. */
  private position: number | undefined;
  private readonly held = new Map<number, StreamItem>();
  private filling: Promise<void> | undefined;
  readonly subscribers = new Set<StreamSubscriber>();
  readonly ready: Promise<void>;

  constructor(
    private readonly catchUp: CatchUp,
    private readonly onError: (error: unknown) => void,
  ) {
    this.ready = catchUp(undefined).then((page) => {
      this.position = page.position;
      this.drain();
    });
  }

  /** Where the stream is: what a subscriber that starts now starts after. */
  get current(): number {
    return this.position ?? 0;
  }

  /** A notification of this partner, from Kafka (any order, possibly twice). */
  offer(item: StreamItem): void {
    if (this.position !== undefined && item.sequence <= this.position) return;
    this.held.set(item.sequence, item);
    if (this.position !== undefined) this.drain();
  }

  /** Asks the notification service for everything after the current position (after a consumer (re)joined). */
  resync(): void {
    if (this.position !== undefined) this.fill();
  }

  private drain(): void {
    let next = this.held.get(this.position! + 1);
    while (next) {
      this.held.delete(next.sequence);
      this.pass(next);
      next = this.held.get(this.position! + 1);
    }
    for (const sequence of this.held.keys()) if (sequence <= this.position!) this.held.delete(sequence);
    if (this.held.size > 0) this.fill();
  }

  /** One catch-up at a time; another gap found meanwhile is filled by the next. */
  private fill(): void {
    if (this.filling) return;
    this.filling = (async () => {
      let page: NotificationStreamPage;
      do {
        page = await this.catchUp(this.position);
        for (const item of page.items) if (item.sequence > this.position!) this.pass(item);
        this.position = Math.max(this.position!, page.position);
      } while (page.more);
    })()
      .catch(this.onError)
      .finally(() => {
        this.filling = undefined;
        if (this.held.size > 0) this.drain();
      });
  }

  private pass(item: StreamItem): void {
    this.position = item.sequence;
    for (const subscriber of this.subscribers) {
      if (subscriber.tenantId === undefined || subscriber.tenantId === item.tenantId)
        subscriber.receive(item);
    }
  }
}
