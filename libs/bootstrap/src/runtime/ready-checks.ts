import { Inject, Injectable } from '@nestjs/common';
import { Gauge, register } from 'prom-client';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { ReadinessCheck } from '../health/readiness-check';
import { MessagingRuntime } from './messaging-runtime';
import { LOGGER } from './tokens';

/**
 * The service's database answers. Migrations ran before the app was built (the data source is only provided
 * once they are done), so an instance that answers at all has them: this check is what gates readiness.
 */
@Injectable()
export class DatabaseReadyCheck extends ReadinessCheck {
  readonly name = 'database';

  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async isReady(): Promise<boolean> {
    try {
      await this.dataSource.query('SELECT 1');
      return true;
    } catch {
      return false;
    }
  }
}

const kafkaUp =
  (register.getSingleMetric('messaging_kafka_up') as Gauge | undefined) ??
  new Gauge({
    name: 'messaging_kafka_up',
    help: '1 when the Kafka cluster answers, the relay runs and the consumer has joined its group, else 0',
  });

/**
 * Kafka, reported but not gating readiness: while Kafka is away a domain service still serves its own
 * requests, and the outbox keeps the events it writes until the relay can publish them. Down is in the
 * health body (`degraded`), in the `messaging_kafka_up` gauge, and logged once per change.
 */
@Injectable()
export class KafkaReadyCheck extends ReadinessCheck {
  readonly name = 'kafka';
  override readonly gatesReadiness = false;
  private lastUp: boolean | undefined;

  constructor(
    private readonly messaging: MessagingRuntime,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    super();
  }

  async isReady(): Promise<boolean> {
    const status = await this.messaging.kafkaStatus();
    const up = status.reachable && status.relayRunning && (status.consumer?.ready ?? true);
    kafkaUp.set(up ? 1 : 0);
    if (up !== this.lastUp) {
      if (up) this.logger.info({ kafka: status }, 'kafka is up');
      else
        this.logger.warn({ kafka: status }, 'kafka is down: events wait in the outbox; requests are served');
      this.lastUp = up;
    }
    return up;
  }
}
