import { Injectable } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import { DataSource } from 'typeorm';
import { problemFor } from '../http/problem-for';
import { TenantDirectoryEntry } from './tenant-directory.entity';
import { TENANT_NOT_FOUND, tenantScope } from './tenant-visibility';

/** Answers, from the service's own tenant_directory, whether a caller may see a tenant (tenantScope's rule). */
@Injectable()
export class TenantDirectory {
  constructor(private readonly dataSource: DataSource) {}

  async isVisible(caller: Caller, tenantId: string): Promise<boolean> {
    const scope = tenantScope(caller, tenantId);
    return (
      scope !== undefined && this.dataSource.getRepository(TenantDirectoryEntry).exists({ where: scope })
    );
  }

  /** 404 tenant-not-found for a tenant the caller may not see: another partner's tenant is never revealed. */
  async assertVisible(caller: Caller, tenantId: string): Promise<void> {
    if (!(await this.isVisible(caller, tenantId))) throw problemFor(TENANT_NOT_FOUND);
  }
}
