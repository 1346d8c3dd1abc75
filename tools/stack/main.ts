import { stackDown, stackOptionsFromEnv, stackStatus, stackUp } from '@pac/stack';

const USAGE = `Usage: npm run stack -- up|down|status [--brokers 1|3]

  up      start (or reuse) the local Postgres and Kafka, create the topics, print the URLs to use
  down    stop what "up" started for this stack dir
  status  say what runs

  --brokers 3   a KRaft cluster of three local brokers (node n on KAFKA_PORT + 2(n-1)), every topic replicated
                3 times with min.insync.replicas 2, as in production; same as KAFKA_NODES=3

Environment: STACK_DIR (default .stack), PG_PORT (54329), KAFKA_PORT (19092), KAFKA_CONTROLLER_PORT (19093),
DATABASE_URL / KAFKA_BROKERS to use servers you already have, STACK_MAVEN_REPO for another Maven repository,
KAFKA_JARS_DIR for another Kafka jar cache (default ~/.cache/partner-admin-center/kafka-<version>/libs).`;

/** Progress goes to stderr so that stdout holds only the variables, ready for `eval` or a .env file. */
async function main(command: string | undefined): Promise<number> {
  const brokersAt = process.argv.indexOf('--brokers');
  const env = brokersAt > 0 ? { ...process.env, KAFKA_NODES: process.argv[brokersAt + 1] } : process.env;
  const opts = stackOptionsFromEnv(env, { log: (line) => process.stderr.write(`[stack] ${line}\n`) });
  switch (command) {
    case 'up': {
      const stack = await stackUp(opts);
      process.stdout.write(
        `DATABASE_URL=${stack.databaseUrl}\nKAFKA_BROKERS=${stack.kafkaBrokers.join(',')}\n`,
      );
      return 0;
    }
    case 'down':
      await stackDown(opts);
      return 0;
    case 'status': {
      const status = await stackStatus(opts);
      process.stdout.write(
        `postgres: ${status.postgres}\nkafka:    ${status.kafka}\nsmtp:     ${status.smtp}\n`,
      );
      return 0;
    }
    default:
      process.stderr.write(`${command ? `Unknown command "${command}".\n` : ''}${USAGE}\n`);
      return 2;
  }
}

main(process.argv[2]).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `stack ${process.argv[2]} failed: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exitCode = 1;
  },
);
