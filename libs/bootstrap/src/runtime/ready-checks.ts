import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ReadinessCheck } from '../health/readiness-check';
import { MessagingRuntime } from './messaging-runtime';

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

@Injectable()
export class KafkaReadyCheck extends ReadinessCheck {
  readonly name = 'kafka';

  constructor(private readonly messaging: MessagingRuntime) {
    super();
  }

  async isReady(): Promise<boolean> {
    return this.messaging.isReady();
  }
}
