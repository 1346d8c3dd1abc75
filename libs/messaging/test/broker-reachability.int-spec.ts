import { createServer, type Server, type Socket } from 'node:net';
import { BrokerReachability, createKafka } from '../src';
import { requiredEnvironment } from './environment';
import { testLogger } from './messaging-test-bed';
import { freePort } from '@pac/testing';

/** The readiness probe of a service's Kafka, against the real broker and against brokers that are not there. */
describe('BrokerReachability', () => {
  const kafkaOf = (brokers: string) =>
    createKafka({ brokers, clientId: 'reachability-test', logger: testLogger });
  const probes: BrokerReachability[] = [];
  const probe = (brokers: string) => {
    const reachability = new BrokerReachability(kafkaOf(brokers), { timeoutMs: 1_000, reuseMs: 0 });
    probes.push(reachability);
    return reachability;
  };
  afterEach(async () => {
    await Promise.all(probes.splice(0).map((p) => p.stop()));
  });

  it('says the running broker is reachable, probe after probe', async () => {
    const reachability = probe(requiredEnvironment('KAFKA_BROKERS'));
    expect(await reachability.isReachable()).toBe(true);
    expect(await reachability.isReachable()).toBe(true);
  });

  it('says a broker address where nothing listens is not reachable, within its time limit', async () => {
    const closed = await freePort();
    const startedAt = performance.now();
    expect(await probe(`127.0.0.1:${closed}`).isReachable()).toBe(false);
    expect(performance.now() - startedAt).toBeLessThan(1_500);
  });

  it('says a broker that accepts connections but never answers is not reachable, within its time limit', async () => {
    const sockets: Socket[] = [];
    const silent = createServer((socket) => void sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const startedAt = performance.now();
      expect(await probe(`127.0.0.1:${portOf(silent)}`).isReachable()).toBe(false);
      expect(performance.now() - startedAt).toBeLessThan(1_500);
    } finally {
      sockets.forEach((socket) => socket.destroy());
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});

function portOf(server: Server): number {
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('not a TCP server');
  return address.port;
}
