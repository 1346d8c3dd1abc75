/**
 * `npm run events -- <command>`: the event streams, as operations teams watch them.
 *   tail <topic|all> [--tenant <id>] [--type <ce_type>] [--from-beginning]   events live, with their attributes
 *   dlq                                                                      dead letters with their errors
 *   replay <dlq topic:partition@offset | all>                               dead letters back to their topic
 *   lag                                                                      consumer-group lag per service
 * Brokers: KAFKA_BROKERS, or the local stack's (KAFKA_PORT, default 19092). Nothing a service uses is touched:
 * reads go through throwaway consumer groups.
 */
import { createKafka, EventStreamInspector, silentLogger } from '@pac/messaging';
import { stackOptionsFromEnv } from '@pac/stack';
import { allDeadLetterTopics, lag, listDeadLetters, replay, tail, topicsOf } from './event-commands';

const USAGE = `usage: npm run events -- tail <topic|all> [--tenant <id>] [--type <ce_type>] [--from-beginning]
       npm run events -- dlq
       npm run events -- replay <dlq topic:partition@offset | all>
       npm run events -- lag`;

async function main(args: string[]): Promise<number> {
  const [command, target] = args;
  const brokers = process.env['KAFKA_BROKERS']?.trim() || `127.0.0.1:${stackOptionsFromEnv().kafkaPort}`;
  const inspector = new EventStreamInspector(
    createKafka({ brokers, clientId: 'pac-events', logger: silentLogger }),
  );
  const print = (line: string) => console.log(line);
  try {
    switch (command) {
      case 'tail': {
        if (!target) break;
        const stop = new AbortController();
        process.once('SIGINT', () => stop.abort());
        await tail(
          inspector,
          topicsOf(target),
          {
            fromBeginning: args.includes('--from-beginning'),
            follow: true,
            signal: stop.signal,
            ...option(args, '--tenant', 'tenantId'),
            ...option(args, '--type', 'type'),
          },
          print,
        );
        return 0;
      }
      case 'dlq':
        await listDeadLetters(inspector, allDeadLetterTopics(), print);
        return 0;
      case 'replay':
        if (!target) break;
        await replay(inspector, allDeadLetterTopics(), target, print);
        return 0;
      case 'lag':
        await lag(inspector, print);
        return 0;
    }
    console.error(USAGE);
    return 2;
  } finally {
    await inspector.close();
  }
}

function option<K extends string>(args: string[], flag: string, key: K): Partial<Record<K, string>> {
  const index = args.indexOf(flag);
  const value = index >= 0 ? args[index + 1] : undefined;
  return value ? ({ [key]: value } as Partial<Record<K, string>>) : {};
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
