/** One server-sent event as a client sees it. */
export interface SseEvent {
  id: string | undefined;
  event: string;
  data: string;
  /** performance.now() when it was read. */
  receivedAt: number;
}

/**
 * A server-sent events client for tests and benchmarks (what a front end does with fetch): it sends the bearer
 * token and Last-Event-ID, keeps every event and comment it reads, and closes on demand.
 */
export class SseClient {
  readonly events: SseEvent[] = [];
  readonly comments: string[] = [];
  private readonly waiters = new Set<() => void>();
  private ended = false;

  private constructor(
    readonly response: Response,
    private readonly abort: AbortController,
  ) {}

  static async open(
    url: string,
    options: { token?: string; lastEventId?: string; headers?: Record<string, string> } = {},
  ): Promise<SseClient> {
    const abort = new AbortController();
    const response = await fetch(url, {
      headers: {
        accept: 'text/event-stream',
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        ...(options.lastEventId !== undefined ? { 'last-event-id': options.lastEventId } : {}),
        ...options.headers,
      },
      signal: abort.signal,
    });
    const client = new SseClient(response, abort);
    if (response.ok && response.body) void client.read(response.body);
    return client;
  }

  get status(): number {
    return this.response.status;
  }

  /** The events of one type (`notification`), their data parsed. */
  data<T>(event = 'notification'): T[] {
    return this.events.filter((e) => e.event === event).map((e) => JSON.parse(e.data) as T);
  }

  /** Resolves once `condition` holds for what was read; fails after `timeoutMs` or when the stream ends. */
  async until(condition: (client: SseClient) => boolean, timeoutMs = 15_000): Promise<void> {
    if (condition(this)) return;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(
          new Error(
            `stream condition not met within ${timeoutMs} ms; read ${this.events.length} events: ${JSON.stringify(this.events.slice(-5))}`,
          ),
        );
      }, timeoutMs);
      const check = () => {
        if (condition(this)) {
          clearTimeout(timer);
          this.waiters.delete(check);
          resolve();
        } else if (this.ended) {
          clearTimeout(timer);
          this.waiters.delete(check);
          reject(new Error('the stream ended'));
        }
      };
      this.waiters.add(check);
    });
  }

  close(): void {
    this.abort.abort();
  }

  private async read(body: ReadableStream<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let end = buffer.indexOf('\n\n');
        while (end >= 0) {
          this.parse(buffer.slice(0, end));
          buffer = buffer.slice(end + 2);
          end = buffer.indexOf('\n\n');
        }
        for (const waiter of [...this.waiters]) waiter();
      }
    } catch {
      // closed by us or by the server
    } finally {
      this.ended = true;
      for (const waiter of [...this.waiters]) waiter();
    }
  }

  private parse(block: string): void {
    let id: string | undefined;
    let event = 'message';
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) this.comments.push(line.slice(1).trim());
      else if (line.startsWith('id:')) id = line.slice(3).trim();
      else if (line.startsWith('event:')) event = line.slice(6).trim();
      else if (line.startsWith('data:')) data.push(line.slice(5).trimStart());
    }
    if (data.length > 0)
      this.events.push({ id, event, data: data.join('\n'), receivedAt: performance.now() });
  }
}
