import { Injectable } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import type { AnswerableError } from '@pac/bootstrap';
import { Clock } from '@pac/clock';
import { accept, reject, type Decision } from '@pac/domain';
import { inTransaction } from '@pac/persistence';
import { DataSource } from 'typeorm';
import { visibleEnvironment } from '../../application/visible-environment';
import { TELEMETRY_KEY_NOT_FOUND } from '../../domain/not-found';
import { revokeKey } from '../../domain/telemetry-key';
import { findActiveKey, saveKey } from '../../persistence/telemetry-keys';

/**
 * Revokes an ingestion key. The gateway caches what a key writes for TELEMETRY_KEY_CACHE_TTL_MS, so a revoked
 * key is refused everywhere within that delay (docs/architecture.md, telemetry).
 */
@Injectable()
export class RevokeTelemetryKeyHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async execute(
    caller: Caller,
    tenantId: string,
    name: string,
    keyId: string,
  ): Promise<Decision<void, AnswerableError>> {
    const now = this.clock.now();
    return inTransaction(this.dataSource, async (manager) => {
      const found = await visibleEnvironment(manager, caller, tenantId, name);
      if (!found.ok) return found;
      const key = await findActiveKey(manager, tenantId, found.value.name, keyId, { lock: true });
      if (!key) return reject(TELEMETRY_KEY_NOT_FOUND);
      await saveKey(manager, revokeKey(key, now));
      return accept(undefined);
    });
  }
}
