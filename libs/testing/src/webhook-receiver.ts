import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One POST a webhook receiver got, and what it answered. */
export interface ReceivedDelivery {
  headers: IncomingHttpHeaders;
  body: string;
  json: { id: string; type: string; subject: string; notificationid: string; data: Record<string, unknown> };
  answered: number;
  /** performance.now() when the body had arrived. */
  at: number;
}

/**
 * A local webhook receiver for tests and benchmarks, on 127.0.0.1: it keeps every delivery it gets and answers
 * what `answer` decides (204 by default), after `delayMs` if set.
 */
export class WebhookReceiver {
  readonly received: ReceivedDelivery[] = [];
  answer: (delivery: Omit<ReceivedDelivery, 'answered'>, count: number) => number = () => 204;
  delayMs = 0;

  private constructor(private readonly server: Server) {}

  static async start(): Promise<WebhookReceiver> {
    const server = createServer();
    const receiver = new WebhookReceiver(server);
    server.on('request', (request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const arrived = {
          headers: request.headers,
          body,
          json: JSON.parse(body) as ReceivedDelivery['json'],
          at: performance.now(),
        };
        const status = receiver.answer(arrived, receiver.received.length + 1);
        const reply = () => {
          receiver.received.push({ ...arrived, answered: status });
          response.writeHead(status).end();
        };
        if (receiver.delayMs > 0) setTimeout(reply, receiver.delayMs);
        else reply();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    server.unref();
    return receiver;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hooks`;
  }

  /** The deliveries it acknowledged (2xx). */
  get acknowledged(): ReceivedDelivery[] {
    return this.received.filter((d) => d.answered >= 200 && d.answered < 300);
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
