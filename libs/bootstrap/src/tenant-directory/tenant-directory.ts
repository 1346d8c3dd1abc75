import { Injectable } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import { DataSource } from 'typeorm';
import { ProblemException } from '../http/problem';
import { callerMaySee } from '../http/tenant-id.pipe';
import { TenantDirectoryEntry } from './tenant-directory.entity';

/** Answers, from the service's own tenant_directory, whether a caller may see a tenant. */
@Injectable()
export class TenantDirectory {
  constructor(private readonly dataSource: DataSource) {}

  async isVisible(caller: Caller, tenantId: string): Promise<boolean> {
    if (!callerMaySee(caller, tenantId)) return false;
    return this.dataSource
      .getRepository(TenantDirectoryEntry)
      .exists({ where: { tenantId, partnerId: caller.partnerId } });
  }

  /** 404 for a tenant the caller may not see: another partner's tenant is never revealed. */
  async assertVisible(caller: Caller, tenantId: string): Promise<void> {
    if (!(await this.isVisible(caller, tenantId))) throw ProblemException.notFound('no such tenant');
  }
}
