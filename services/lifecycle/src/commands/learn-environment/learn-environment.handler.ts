import { Injectable } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import { TENANT_NOT_FOUND, tenantScope, type AnswerableError } from '@pac/bootstrap';
import { Clock } from '@pac/clock';
import { accept, reject, type Decision } from '@pac/domain';
import type { EnvironmentSnapshotRequest } from '@pac/http-contracts';
import { Outbox } from '@pac/messaging';
import { inTransaction } from '@pac/persistence';
import { DataSource } from 'typeorm';
import { learnEnvironment } from '../../application/learn-environment';
import { insertTenantIfUnknown } from '../../persistence/tenant-directory';

/** Lower than any event's time: whatever an event says about the tenant or the environment wins. */
const LOWEST_PRECEDENCE = new Date(0);

/**
 * Learns an environment the tenant service shows but whose events have not reached this service yet
 * (EnvironmentSnapshotRequest: relayed by the gateway, as the tenant service answered it to this caller): its
 * tenant in the tenant directory and the environment in the projection, both only if unknown, with the
 * lowest precedence, so the events that follow correct them and a window set meanwhile is kept. Active, it is
 * offered the available releases, as environment.created would.
 */
@Injectable()
export class LearnEnvironmentHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
  ) {}

  execute(
    caller: Caller,
    tenantId: string,
    snapshot: EnvironmentSnapshotRequest,
  ): Promise<Decision<void, AnswerableError>> {
    // Only the caller's own partner's tenant: the snapshot names the partner the tenant service found.
    const scope = tenantScope(caller, tenantId);
    if (!scope || scope.partnerId !== snapshot.partnerId || snapshot.tenantId !== tenantId) {
      return Promise.resolve(reject(TENANT_NOT_FOUND));
    }
    const now = this.clock.now();
    return inTransaction(this.dataSource, async (manager) => {
      await insertTenantIfUnknown(manager, {
        tenantId,
        partnerId: snapshot.partnerId,
        name: snapshot.tenant.name,
        status: snapshot.tenant.status,
        updatedAt: LOWEST_PRECEDENCE,
      });
      await learnEnvironment(
        manager,
        this.outbox,
        {
          tenantId,
          partnerId: snapshot.partnerId,
          environment: snapshot.environment,
          occurredAt: LOWEST_PRECEDENCE.toISOString(),
        },
        now,
        { offerable: (environment) => environment.status === 'active' },
      );
      return accept(undefined);
    });
  }
}
