import { clusterIdFrom, kafkaJvmArguments, log4j2Properties, serverProperties } from './kafka-config';

function parse(properties: string): Map<string, string> {
  return new Map(
    properties
      .split('\n')
      .filter(Boolean)
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
}

describe('serverProperties', () => {
  const props = parse(serverProperties({ port: 19092, controllerPort: 19093, dataDir: '/stack/kafka/data' }));

  it('runs one combined node on explicit loopback listeners', () => {
    expect(props.get('process.roles')).toBe('broker,controller');
    expect(props.get('node.id')).toBe('1');
    expect(props.get('listeners')).toBe('PLAINTEXT://127.0.0.1:19092,CONTROLLER://127.0.0.1:19093');
    expect(props.get('advertised.listeners')).toBe(props.get('listeners'));
    expect(props.get('controller.quorum.bootstrap.servers')).toBe('127.0.0.1:19093');
    expect(props.has('controller.quorum.voters')).toBe(false);
    expect(props.get('log.dirs')).toBe('/stack/kafka/data');
  });

  it('suits one broker and fast tests', () => {
    expect(props.get('auto.create.topics.enable')).toBe('false');
    expect(props.get('group.initial.rebalance.delay.ms')).toBe('0');
    expect(props.get('offsets.topic.num.partitions')).toBe('1');
    for (const key of [
      'offsets.topic.replication.factor',
      'transaction.state.log.replication.factor',
      'transaction.state.log.min.isr',
      'share.coordinator.state.topic.replication.factor',
      'share.coordinator.state.topic.min.isr',
    ]) {
      expect(props.get(key)).toBe('1');
    }
  });
});

describe('log4j2Properties', () => {
  it('writes the broker log to the given file', () => {
    expect(log4j2Properties('/stack/kafka/kafka.log')).toContain(
      'appender.file.fileName = /stack/kafka/kafka.log',
    );
  });
});

describe('kafkaJvmArguments', () => {
  it('runs kafka.Kafka with a small heap, the jars and the properties', () => {
    const args = kafkaJvmArguments({ libsDir: '/l', propertiesFile: '/p', log4jConfigFile: '/c' });
    expect(args).toEqual(
      expect.arrayContaining(['-Xmx512m', '-XX:+UseG1GC', '-Dlog4j2.configurationFile=/c']),
    );
    expect(args.slice(-4)).toEqual(['-cp', '/l/*', 'kafka.Kafka', '/p']);
  });
});

describe('clusterIdFrom', () => {
  it('encodes 16 bytes as 22 URL-safe characters', () => {
    expect(clusterIdFrom(Buffer.alloc(16, 0xab))).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });

  it('never starts with a dash, which a command line would read as a flag', () => {
    expect(clusterIdFrom(Buffer.alloc(16, 0xfb)).startsWith('-')).toBe(false);
  });
});

describe('serverProperties of a cluster node', () => {
  const props = parse(
    serverProperties({
      port: 19096,
      controllerPort: 19097,
      dataDir: '/stack/kafka-cluster/node-2/data',
      cluster: { nodeId: 2, controllerPorts: [19093, 19095, 19097] },
    }),
  );

  it('is one voter of a static quorum of three', () => {
    expect(props.get('node.id')).toBe('2');
    expect(props.get('controller.quorum.voters')).toBe(
      '1@127.0.0.1:19093,2@127.0.0.1:19095,3@127.0.0.1:19097',
    );
    expect(props.has('controller.quorum.bootstrap.servers')).toBe(false);
    expect(props.get('listeners')).toBe('PLAINTEXT://127.0.0.1:19096,CONTROLLER://127.0.0.1:19097');
  });

  it('replicates every topic three times and needs two in sync for acks=all, as deploy/topics.yaml', () => {
    expect(props.get('default.replication.factor')).toBe('3');
    expect(props.get('min.insync.replicas')).toBe('2');
    expect(props.get('unclean.leader.election.enable')).toBe('false');
    expect(props.get('offsets.topic.replication.factor')).toBe('3');
    expect(props.get('transaction.state.log.min.isr')).toBe('2');
  });
});
