import { deadLetterTopicOf, DEAD_LETTER_PARTITIONS, topicDefinitions } from '@pac/contracts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './repo-root';

// deploy/topics.yaml is written by hand for operators; this keeps it from drifting from the contracts.
describe('deploy/topics.yaml', () => {
  const documents = readFileSync(join(repoRoot(), 'deploy', 'topics.yaml'), 'utf8')
    .split(/^---$/m)
    .filter((doc) => /kind: KafkaTopic/.test(doc))
    .map((doc) => ({
      name: /^\s+topicName: (\S+)$/m.exec(doc)?.[1],
      partitions: Number(/^\s+partitions: (\d+)$/m.exec(doc)?.[1]),
      replicas: Number(/^\s+replicas: (\d+)$/m.exec(doc)?.[1]),
      minInsyncReplicas: Number(/^\s+min\.insync\.replicas: (\d+)$/m.exec(doc)?.[1]),
    }));

  it('declares every topic of the contracts with 12 partitions, and its dead-letter twin', () => {
    const expected = topicDefinitions.flatMap((topic) => [
      { name: topic.name, partitions: 12 },
      { name: deadLetterTopicOf(topic.name), partitions: DEAD_LETTER_PARTITIONS },
    ]);
    expect(documents.map(({ name, partitions }) => ({ name, partitions }))).toEqual(expected);
  });

  it('replicates every topic three times with two in-sync replicas', () => {
    for (const topic of documents) expect(topic).toMatchObject({ replicas: 3, minInsyncReplicas: 2 });
  });
});
