/** Everything needed to write the configuration of the single local broker; pure, so it is unit-tested. */
export interface KafkaNodeSettings {
  port: number;
  controllerPort: number;
  dataDir: string;
  /** A node of a cluster (kafka-cluster.ts); absent for the single broker. */
  cluster?: KafkaClusterMembership;
}

/** This node's id and every node's controller port: a static KRaft quorum of combined nodes. */
export interface KafkaClusterMembership {
  nodeId: number;
  controllerPorts: readonly number[];
}

/**
 * Replication as deploy/topics.yaml declares it for production: every partition on 3 brokers, and a write
 * acknowledged by all in-sync replicas (acks=all) needs 2 of them, so it survives the loss of any one broker.
 */
export const CLUSTER_REPLICATION_FACTOR = 3;
export const CLUSTER_MIN_INSYNC_REPLICAS = 2;

/**
 * One combined broker+controller node on loopback (KRaft, dynamic quorum formatted with --standalone).
 * Hosts are explicit because an empty host would bind and advertise `localhost`, which may resolve to ::1.
 */
export function serverProperties(settings: KafkaNodeSettings): string {
  const { port, controllerPort, dataDir, cluster } = settings;
  // One node replicates nothing; a cluster's internal topics are replicated like the application's.
  const replication = cluster ? CLUSTER_REPLICATION_FACTOR : 1;
  const minInsync = cluster ? CLUSTER_MIN_INSYNC_REPLICAS : 1;
  const quorum: [string, string | number][] = cluster
    ? [
        [
          'controller.quorum.voters',
          cluster.controllerPorts.map((p, index) => `${index + 1}@127.0.0.1:${p}`).join(','),
        ],
        ['default.replication.factor', replication],
        ['min.insync.replicas', minInsync],
        // A replica that fell out of sync never becomes leader: what acks=all acknowledged stays.
        ['unclean.leader.election.enable', 'false'],
        // A crashed broker is fenced (its partitions led elsewhere) after 4 s without a heartbeat instead of
        // the default 9 s: the local cluster is for proving failover, and writes to its partitions wait that long.
        ['broker.session.timeout.ms', 4_000],
        ['broker.heartbeat.interval.ms', 500],
      ]
    : [['controller.quorum.bootstrap.servers', `127.0.0.1:${controllerPort}`]];
  const entries: [string, string | number][] = [
    ['process.roles', 'broker,controller'],
    ['node.id', cluster?.nodeId ?? 1],
    ...quorum,
    ['listeners', `PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}`],
    ['advertised.listeners', `PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}`],
    ['controller.listener.names', 'CONTROLLER'],
    ['inter.broker.listener.name', 'PLAINTEXT'],
    ['listener.security.protocol.map', 'CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT'],
    ['log.dirs', dataDir],
    // Topics are created from the contracts; a typo in a topic name must fail, not create a topic.
    ['auto.create.topics.enable', 'false'],
    // One broker: internal topics cannot have more replicas than brokers.
    ['offsets.topic.replication.factor', replication],
    ['transaction.state.log.replication.factor', replication],
    ['transaction.state.log.min.isr', minInsync],
    ['share.coordinator.state.topic.replication.factor', replication],
    ['share.coordinator.state.topic.min.isr', minInsync],
    // Fewer internal partitions make the first group join and first transaction faster (default 50 each).
    ['offsets.topic.num.partitions', 1],
    ['transaction.state.log.num.partitions', 1],
    ['share.coordinator.state.topic.num.partitions', 1],
    // Tests start many consumer groups; the default 3 s wait before the first rebalance would add up.
    ['group.initial.rebalance.delay.ms', 0],
  ];
  return entries.map(([key, value]) => `${key}=${escapeProperty(String(value))}`).join('\n') + '\n';
}

/** Log4j 2 configuration (properties format): the broker's log goes to one size-capped file. */
export function log4j2Properties(logFile: string): string {
  return [
    'status = warn',
    'appender.file.type = RollingFile',
    'appender.file.name = file',
    `appender.file.fileName = ${escapeProperty(logFile)}`,
    `appender.file.filePattern = ${escapeProperty(logFile)}.%i`,
    'appender.file.layout.type = PatternLayout',
    'appender.file.layout.pattern = [%d] %p %m (%c)%n',
    'appender.file.policies.type = Policies',
    'appender.file.policies.size.type = SizeBasedTriggeringPolicy',
    'appender.file.policies.size.size = 20MB',
    'appender.file.strategy.type = DefaultRolloverStrategy',
    'appender.file.strategy.max = 2',
    'rootLogger.level = info',
    'rootLogger.appenderRef.file.ref = file',
    // Per-request and state-change chatter hides what matters when reading the log after a failure.
    'logger.stateChange.name = state.change.logger',
    'logger.stateChange.level = warn',
    'logger.request.name = kafka.request.logger',
    'logger.request.level = warn',
    '',
  ].join('\n');
}

export interface KafkaJvmSettings {
  libsDir: string;
  propertiesFile: string;
  log4jConfigFile: string;
}

/**
 * The stock start script's G1 flags with a development-sized heap: the default 1 GB is more than a laptop
 * running six services and a test suite should give one broker.
 */
export function kafkaJvmArguments(settings: KafkaJvmSettings & { heapMb?: number }): string[] {
  return [
    '-Xms256m',
    `-Xmx${settings.heapMb ?? 512}m`,
    '-XX:+UseG1GC',
    '-XX:MaxGCPauseMillis=20',
    '-XX:InitiatingHeapOccupancyPercent=35',
    '-XX:+ExplicitGCInvokesConcurrent',
    '-Djava.awt.headless=true',
    `-Dlog4j2.configurationFile=${settings.log4jConfigFile}`,
    '-cp',
    `${settings.libsDir}/*`,
    'kafka.Kafka',
    settings.propertiesFile,
  ];
}

/**
 * A cluster id as `kafka-storage random-uuid` makes it: 16 random bytes in URL-safe base64 without padding,
 * never starting with '-' (it would read as a command-line flag). Saves a JVM start.
 */
export function clusterIdFrom(randomBytes: Buffer): string {
  if (randomBytes.length !== 16) throw new Error('A Kafka cluster id is made of 16 bytes');
  const id = randomBytes.toString('base64url');
  return id.startsWith('-') ? `A${id.slice(1)}` : id;
}

/** Java properties treat backslashes as escapes (Windows paths), and `:`/`=` in values are fine unescaped. */
function escapeProperty(value: string): string {
  return value.replace(/\\/g, '\\\\');
}
