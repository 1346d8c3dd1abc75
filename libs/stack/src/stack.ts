import { existsSync, mkdirSync } from 'node:fs';
import { bringUpKafka, kafkaStatus, planKafka, stopKafka } from './kafka/kafka-stack';
import { bringUpSmtp, planSmtp, smtpStatus, stopSmtp } from './mail/mail-stack';
import { bringUpPostgres, planPostgres, postgresStatus, stopPostgres } from './postgres/postgres-stack';
import { seconds, UpContext } from './stack-context';
import { withStackLock } from './stack-lock';
import { StackOptions } from './stack-options';
import { readState, writeState } from './stack-state';

export interface RunningStack {
  /** Superuser URL of the database `admin_center` (DATABASE_URL as given when set). */
  databaseUrl: string;
  kafkaBrokers: string[];
  /** Where e-mail goes: SMTP_URL as given, or the local SMTP server (its mail in `<dir>/mail`). */
  smtpUrl: string;
  /** True when this call started Postgres; false when it reused a running one or DATABASE_URL is set. */
  startedPostgres: boolean;
  /** True when this call started Kafka; false when it reused a running one or KAFKA_BROKERS is set. */
  startedKafka: boolean;
  /** True when this call started the local SMTP server. */
  startedSmtp: boolean;
}

const silent = (): void => undefined;

/**
 * Makes Postgres, Kafka and the local SMTP server available, reusing what this dir already runs and starting the rest detached
 * (they outlive the calling process until `stackDown`). DATABASE_URL / KAFKA_BROKERS select external servers.
 * Every topic of the contracts exists afterwards. If one half fails, what this call started is stopped again.
 */
export async function stackUp(opts: StackOptions): Promise<RunningStack> {
  const log = opts.log ?? silent;
  const env = process.env;
  mkdirSync(opts.dir, { recursive: true });
  return withStackLock(opts.dir, async () => {
    const calledAt = Date.now();
    const state = readState(opts.dir);
    // Both plans run first, so a missing Java or a taken port is reported before anything is started.
    const postgresPlan = await planPostgres(opts, state, log, env);
    const kafkaPlan = await planKafka(opts, state, log, env);
    const smtpPlan = await planSmtp(opts, state, env);
    writeState(opts.dir, state);
    const ctx: UpContext = { opts, log, state, startedNow: { postgres: false, kafka: false, smtp: false } };
    const [postgres, kafka, smtp] = await Promise.allSettled([
      bringUpPostgres(postgresPlan, ctx),
      bringUpKafka(kafkaPlan, ctx),
      bringUpSmtp(smtpPlan, ctx),
    ]);
    if (postgres.status === 'rejected' || kafka.status === 'rejected' || smtp.status === 'rejected') {
      await stopStarted(ctx, 'Stopping what this call started, since the stack could not come up');
      const reasons = [postgres, kafka, smtp].flatMap((r) =>
        r.status === 'rejected' ? [messageOf(r.reason)] : [],
      );
      throw new Error(reasons.join('\n'));
    }
    const running: RunningStack = {
      databaseUrl: postgres.value,
      kafkaBrokers: kafka.value,
      smtpUrl: smtp.value,
      startedPostgres: ctx.startedNow.postgres,
      startedKafka: ctx.startedNow.kafka,
      startedSmtp: ctx.startedNow.smtp === true,
    };
    log(
      `Stack ready in ${seconds(calledAt)}: DATABASE_URL=${running.databaseUrl} KAFKA_BROKERS=${running.kafkaBrokers.join(',')}`,
    );
    return running;
  });
}

/** Stops exactly the processes recorded in `<dir>/state.json` by `stackUp`, waiting until they are gone. */
export async function stackDown(opts: StackOptions): Promise<void> {
  const log = opts.log ?? silent;
  if (!existsSync(opts.dir)) {
    log(`Nothing to stop: ${opts.dir} does not exist`);
    return;
  }
  await withStackLock(opts.dir, async () => {
    const state = readState(opts.dir);
    if (!state.postgres && !state.kafka && !state.kafkaCluster && !state.smtp)
      log(`Nothing to stop in ${opts.dir}`);
    await Promise.all([stopPostgres(state, log), stopKafka(state, log), stopSmtp(state, opts.dir, log)]);
    writeState(opts.dir, state);
  });
}

/**
 * Stops only what the `stackUp` call that returned `stack` started, leaving what it reused or found external
 * running: `npm start` and `npm test` must not stop a Postgres that `npm run stack -- up` started for others.
 */
export async function stopWhatStackUpStarted(opts: StackOptions, stack: RunningStack): Promise<void> {
  if ((!stack.startedPostgres && !stack.startedKafka && !stack.startedSmtp) || !existsSync(opts.dir)) return;
  const log = opts.log ?? silent;
  await withStackLock(opts.dir, async () => {
    const startedNow = {
      postgres: stack.startedPostgres,
      kafka: stack.startedKafka,
      smtp: stack.startedSmtp,
    };
    await stopStarted(
      { opts, log, state: readState(opts.dir), startedNow },
      'Stopping what was started here',
    );
  });
}

/** One line per server: `external (...)`, `running (pid N) on ...` or `stopped`. */
export async function stackStatus(
  opts: StackOptions,
): Promise<{ postgres: string; kafka: string; smtp: string }> {
  const state = readState(opts.dir);
  return {
    postgres: postgresStatus(opts, state, process.env),
    kafka: kafkaStatus(opts, state, process.env),
    smtp: smtpStatus(opts, state, process.env),
  };
}

async function stopStarted(ctx: UpContext, why: string): Promise<void> {
  const { state, startedNow, log } = ctx;
  const started = {
    ...(startedNow.postgres ? { postgres: state.postgres } : {}),
    ...(startedNow.kafka ? { kafka: state.kafka, kafkaCluster: state.kafkaCluster } : {}),
    ...(startedNow.smtp ? { smtp: state.smtp } : {}),
  };
  if (!started.postgres && !started.kafka && !started.kafkaCluster && !started.smtp) return;
  log(why);
  await Promise.all([
    stopPostgres(started, log),
    stopKafka(started, log),
    stopSmtp(started, ctx.opts.dir, log),
  ]);
  if (startedNow.postgres) delete state.postgres;
  if (startedNow.kafka) {
    delete state.kafka;
    delete state.kafkaCluster;
  }
  if (startedNow.smtp) delete state.smtp;
  writeState(ctx.opts.dir, state);
}

function messageOf(reason: unknown): string {
  return reason instanceof Error ? reason.message : String(reason);
}
