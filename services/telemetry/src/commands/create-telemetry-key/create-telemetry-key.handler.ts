import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { hashTelemetryKey, newTelemetryKeySecret, type Caller } from '@pac/auth';
import type { AnswerableError } from '@pac/bootstrap';
import { Clock } from '@pac/clock';
import { accept, refuse, type Decision } from '@pac/domain';
import type { TelemetryKeyCreatedResponse } from '@pac/http-contracts';
import { inTransaction } from '@pac/persistence';
import { DataSource } from 'typeorm';
import { visibleEnvironment } from '../../application/visible-environment';
import { newTelemetryKey } from '../../domain/telemetry-key';
import { saveKey } from '../../persistence/telemetry-keys';

/** A new ingestion key for an environment: its secret is answered once, only its hash is stored. */
@Injectable()
export class CreateTelemetryKeyHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async execute(
    caller: Caller,
    tenantId: string,
    name: string,
  ): Promise<Decision<TelemetryKeyCreatedResponse, AnswerableError>> {
    const now = this.clock.now();
    return inTransaction(this.dataSource, async (manager) => {
      const found = await visibleEnvironment(manager, caller, tenantId, name);
      if (!found.ok) return found;
      const environment = found.value;
      if (environment.status === 'soft-deleted')
        return refuse(
          'environment-soft-deleted',
          `environment ${environment.name} is soft-deleted: recover it first`,
        );
      const secret = newTelemetryKeySecret();
      const key = newTelemetryKey(
        {
          id: randomUUID(),
          tenantId,
          partnerId: environment.partnerId,
          environmentName: environment.name,
          createdBy: caller.subject,
          createdAt: now.toISOString(),
        },
        secret,
        hashTelemetryKey(secret),
      );
      await saveKey(manager, key);
      return accept({
        id: key.id,
        key: secret,
        environmentName: key.environmentName,
        createdAt: key.createdAt,
      });
    });
  }
}
