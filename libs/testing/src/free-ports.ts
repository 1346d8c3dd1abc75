import { createServer } from 'node:net';

/**
 * Where free ports are looked for: below Linux's ephemeral range (32768–60999), from which the system picks
 * the local port of every outgoing connection. A port handed out from that range (listen on port 0) can be
 * taken by some client's connection between the moment it is freed and the moment the test's process listens
 * again (seen: a Kafka broker restarted by a test found its port in use on a busy machine); above the fixed
 * ports of the stacks (Postgres 54xxx, Kafka 19xxx–20xxx, services 3xxx–4xxx) it is not.
 */
const FIRST_PORT = 21_000;
const LAST_PORT = 32_000;

/**
 * TCP ports on loopback that nothing listens on, for processes a test or a benchmark starts itself: picked at
 * random in a range no outgoing connection uses, and checked by listening on each once.
 */
export async function freePorts(count: number): Promise<number[]> {
  const ports: number[] = [];
  while (ports.length < count) {
    const port = FIRST_PORT + Math.floor(Math.random() * (LAST_PORT - FIRST_PORT));
    if (!ports.includes(port) && (await canListen(port))) ports.push(port);
  }
  return ports;
}

export async function freePort(): Promise<number> {
  const [port] = await freePorts(1);
  return port!;
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}
