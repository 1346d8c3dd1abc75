import { connect, createServer, type Server, type Socket } from 'node:net';

/**
 * A TCP proxy in front of the test Postgres, for the connections of the code under test only: `cut()` makes
 * Postgres unreachable for them (live connections are reset, new ones are accepted and closed at once, as a
 * server shutting down does), `restore()` brings it back. The test's own connections go straight to Postgres,
 * so it can commit events and check the outcome while the code under test sees an outage. Counts the
 * connection attempts made during the cut.
 */
export class PostgresOutage {
  private down = false;
  private readonly sockets = new Set<Socket>();
  attemptsWhileDown = 0;

  private readonly server: Server;
  /** The database URL through the proxy (set by start). */
  url = '';

  private constructor(private readonly target: URL) {
    this.server = createServer((client) => this.accept(client));
  }

  /** A proxy to the Postgres of `databaseUrl`; its `url` is the same URL through the proxy. */
  static async start(databaseUrl: string): Promise<PostgresOutage> {
    const outage = new PostgresOutage(new URL(databaseUrl));
    await new Promise<void>((resolve) => outage.server.listen(0, '127.0.0.1', resolve));
    const proxied = new URL(databaseUrl);
    proxied.hostname = '127.0.0.1';
    proxied.port = String((outage.server.address() as { port: number }).port);
    outage.url = proxied.toString();
    return outage;
  }

  cut(): void {
    this.down = true;
    this.attemptsWhileDown = 0;
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
  }

  restore(): void {
    this.down = false;
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(client: Socket): void {
    if (this.down) {
      this.attemptsWhileDown += 1;
      client.destroy();
      return;
    }
    const upstream = connect(Number(this.target.port || 5432), this.target.hostname);
    for (const socket of [client, upstream]) {
      this.sockets.add(socket);
      socket.on('error', () => undefined);
      socket.on('close', () => {
        this.sockets.delete(socket);
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream);
    upstream.pipe(client);
  }
}
