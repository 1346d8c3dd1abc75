/**
 * The topic job (deploy/k8s/topics-job.yaml): creates every topic of the contracts that is missing on the
 * cluster KAFKA_BROKERS names, as deploy/topics.yaml declares them for production (12 partitions, the
 * dead-letter twins 1, replication 3, min.insync.replicas 2), for clusters not run by the Strimzi operator.
 * Existing topics are left as they are. Settings: TOPIC_PARTITIONS, TOPIC_REPLICATION_FACTOR,
 * TOPIC_MIN_INSYNC_REPLICAS.
 */
import { deadLetterTopicOf, DEAD_LETTER_PARTITIONS, topicDefinitions } from '@pac/contracts';
import { ensureTopics } from '@pac/stack';

async function main(): Promise<void> {
  const brokers = (process.env['KAFKA_BROKERS'] ?? '')
    .split(',')
    .map((broker) => broker.trim())
    .filter(Boolean);
  if (brokers.length === 0) throw new Error('KAFKA_BROKERS is not set');
  const partitions = Number(process.env['TOPIC_PARTITIONS'] ?? 12);
  const created = await ensureTopics(
    brokers,
    topicDefinitions.flatMap((topic) => [
      { name: topic.name, partitions },
      { name: deadLetterTopicOf(topic.name), partitions: DEAD_LETTER_PARTITIONS },
    ]),
    {
      replicationFactor: Number(process.env['TOPIC_REPLICATION_FACTOR'] ?? 3),
      minInsyncReplicas: Number(process.env['TOPIC_MIN_INSYNC_REPLICAS'] ?? 2),
    },
  );
  console.log(created.length > 0 ? `created: ${created.join(', ')}` : 'every topic exists already');
}

main().catch((error: unknown) => {
  console.error(`create-topics failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
