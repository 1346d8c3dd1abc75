import { Injectable } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import { Clock } from '@pac/clock';
import type { ReadAllNotificationsResponse } from '@pac/http-contracts';
import { Outbox } from '@pac/messaging';
import { inTransaction } from '@pac/persistence';
import { DataSource } from 'typeorm';
import { announceRead } from '../../application/inbox';
import { markAllRead } from '../../persistence/notifications';

@Injectable()
export class ReadAllNotificationsHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
  ) {}

  /**
   * Marks every unread notification of the caller's inbox read (a customer admin's: their tenant's; with
   * `tenantId`: that tenant's only), and announces how many per tenant.
   */
  execute(caller: Caller, tenantId: string | undefined): Promise<ReadAllNotificationsResponse> {
    if (caller.tenantId && tenantId && tenantId !== caller.tenantId) return Promise.resolve({ read: 0 });
    const only = caller.tenantId ?? tenantId;
    return inTransaction(this.dataSource, async (manager) => {
      const now = this.clock.now();
      const counts = await markAllRead(
        manager,
        { partnerId: caller.partnerId, ...(only ? { tenantId: only } : {}) },
        now,
      );
      let read = 0;
      for (const [tenant, count] of counts) {
        await announceRead(
          manager,
          this.outbox,
          { partnerId: caller.partnerId, tenantId: tenant },
          count,
          now,
        );
        read += count;
      }
      return { read };
    });
  }
}
