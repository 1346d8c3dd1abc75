import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import { TENANT_NOT_FOUND, type AnswerableError } from '@pac/bootstrap';
import { Clock } from '@pac/clock';
import { accept, reject, type Decision, type DomainError } from '@pac/domain';
import {
  DOMAIN_PROBLEM_CODES,
  type CreateSandboxRequest,
  type DomainProblemCode,
  type OperationResponse,
} from '@pac/http-contracts';
import { Outbox } from '@pac/messaging';
import { inTransaction } from '@pac/persistence';
import { DataSource } from 'typeorm';
import { sandboxOperationResponse } from './responses';
import { announceSandbox } from './sandbox-events';
import { TenantService } from './tenant-service';
import { decideRequestSandbox } from '../domain/sandbox';
import { liveSandboxesOf, insertSandbox } from '../persistence/sandboxes';
import { findVisibleQuota, lockTenant } from '../persistence/sandbox-quotas';

const NO_PRODUCTION: DomainError<'environment-not-found'> = {
  code: 'environment-not-found',
  message: 'the tenant has no production environment to copy: name a sourceEnvironment',
};

@Injectable()
export class SandboxRequests {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly outbox: Outbox,
    private readonly tenants: TenantService,
  ) {}

  /**
   * The one way a sandbox is requested (POST .../sandboxes and POST /issues/{id}/sandbox). Queues a sandbox: its source must exist now (404 otherwise) and the tenant's one sandbox quota, which
   * the tenant service counts, must have room for it besides the sandboxes already queued (409
   * quota-exceeded). The tenant's row here is locked, so two requests cannot both take the last place.
   * sandbox.requested goes out with it; the saga runs it in its turn.
   */
  async execute(
    caller: Caller,
    tenantId: string,
    request: CreateSandboxRequest & { issueId?: string },
  ): Promise<Decision<OperationResponse, AnswerableError>> {
    if (!(await findVisibleQuota(this.dataSource.manager, caller, tenantId))) return reject(TENANT_NOT_FOUND);
    const source = request.sourceEnvironment ?? (await this.tenants.productionName(caller, tenantId));
    if (source === null) return reject(NO_PRODUCTION);
    if (typeof source !== 'string') return reject(problemOf(source.body));
    const found = await this.tenants.environment(caller, tenantId, source);
    if (found.status !== 200) return reject(problemOf(found.body));
    const now = this.clock.now();
    return inTransaction(
      this.dataSource,
      async (manager): Promise<Decision<OperationResponse, AnswerableError>> => {
        const tenant = await lockTenant(manager, tenantId);
        if (!tenant) return reject(TENANT_NOT_FOUND);
        const quota = await this.tenants.sandboxQuota(caller, tenantId);
        if (!('quota' in quota)) return reject(problemOf(quota.body));
        const decision = decideRequestSandbox(
          {
            id: randomUUID(),
            operationId: randomUUID(),
            name: request.name,
            sourceEnvironment: String(found.body['name']),
            ...(request.targetVersion ? { targetVersion: request.targetVersion } : {}),
            ...(request.expiresInDays !== undefined ? { expiresInDays: request.expiresInDays } : {}),
            ...(request.issueId ? { issueId: request.issueId } : {}),
            caller: {
              subject: caller.subject,
              partnerId: caller.partnerId,
              roles: [...caller.roles],
              ...(caller.tenantId ? { tenantId: caller.tenantId } : {}),
            },
          },
          { tenant, live: await liveSandboxesOf(manager, tenantId), quota },
          now,
        );
        if (!decision.ok) return decision;
        await insertSandbox(manager, decision.value);
        await announceSandbox(manager, this.outbox, decision.value, now);
        return accept(sandboxOperationResponse(decision.value));
      },
    );
  }
}

/** A refusal of the tenant service, passed on with its code (one of the shared catalog's, else a 404). */
function problemOf(body: Record<string, unknown>): AnswerableError {
  const code = String(body['code']);
  const known = Object.hasOwn(DOMAIN_PROBLEM_CODES, code);
  return {
    code: known ? (code as DomainProblemCode) : 'environment-not-found',
    message: String(body['detail'] ?? 'the tenant service refused'),
  };
}
