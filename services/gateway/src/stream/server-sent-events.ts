import type { Caller } from '@pac/auth';
import type { NotificationLocale, NotificationResponse } from '@pac/http-contracts';
import type { FastifyReply } from 'fastify';
import type { NotificationFeed } from './notification-feed';
import type { StreamItem, StreamSubscriber } from './partner-stream';

/** A client that lets this much pile up unread is cut off: it comes back with Last-Event-ID. */
const MAX_BUFFERED_BYTES = 1024 * 1024;

/**
 * One open `GET /v1/stream` connection: the SSE framing, heartbeats, and the join of the catch-up (what came
 * after Last-Event-ID) with the live notifications, so that each position is sent once, in order.
 */
export class ServerSentEvents implements StreamSubscriber {
  tenantId: string | undefined;
  /** The last position sent (or skipped as not this caller's). */
  private sent = 0;
  /** Live notifications that arrive while the catch-up is being sent. */
  private waiting: StreamItem[] | undefined = [];
  private locale: NotificationLocale = 'en';
  private heartbeat: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    private readonly reply: FastifyReply,
    private readonly headers: Record<string, string>,
    private readonly heartbeatMs: number,
  ) {}

  async open(
    feed: NotificationFeed,
    caller: Caller,
    locale: NotificationLocale,
    resumeAfter: number | undefined,
  ): Promise<void> {
    this.tenantId = caller.tenantId;
    this.locale = locale;
    // Subscribed before the catch-up is read: a notification is either in the catch-up or arrives after it.
    const position = await feed.subscribe(caller.partnerId, this);
    const raw = this.reply.raw;
    this.reply.hijack();
    raw.writeHead(200, {
      ...this.headers,
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    raw.on('close', () => {
      this.closed = true;
      clearInterval(this.heartbeat);
      feed.unsubscribe(caller.partnerId, this);
    });
    raw.write('retry: 2000\n\n');
    this.heartbeat = setInterval(
      () => this.write(`: heartbeat ${new Date().toISOString()}\n\n`),
      this.heartbeatMs,
    );
    try {
      if (resumeAfter === undefined) {
        this.sent = position;
      } else {
        this.sent = resumeAfter;
        for (let after = resumeAfter, more = true; more && !this.closed;) {
          const page = await feed.catchUp(caller, after);
          for (const item of page.items) this.send(item);
          after = page.position;
          more = page.more;
        }
        // Positions up to where the stream was at subscription are all in the catch-up (or not the caller's).
        this.sent = Math.max(this.sent, position);
      }
    } catch {
      // The notification service went away during the catch-up: the client comes back with Last-Event-ID.
      raw.destroy();
      return;
    }
    // The first event's id says where this connection starts: a client cut off before any notification
    // resumes from here.
    this.write(`event: ready\nid: ${this.sent}\ndata: {"position":${this.sent}}\n\n`);
    const waiting = this.waiting ?? [];
    this.waiting = undefined;
    for (const item of waiting) this.send(item);
  }

  receive(item: StreamItem): void {
    if (this.waiting) this.waiting.push(item);
    else this.send(item);
  }

  private send(item: StreamItem): void {
    if (item.sequence <= this.sent) return;
    this.sent = item.sequence;
    const notification: NotificationResponse = { ...item.notification, ...item.text[this.locale] };
    this.write(`event: notification\nid: ${item.sequence}\ndata: ${JSON.stringify(notification)}\n\n`);
  }

  private write(text: string): void {
    if (this.closed) return;
    const raw = this.reply.raw;
    if (raw.writableLength > MAX_BUFFERED_BYTES) {
      raw.destroy();
      return;
    }
    raw.write(text);
  }
}
