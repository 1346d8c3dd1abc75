import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { callerOf, problemFor, TenantDirectory } from '@pac/bootstrap';
import type { FastifyRequest } from 'fastify';
import { DataSource } from 'typeorm';
import { ENVIRONMENT_NOT_FOUND } from '../domain/not-found';
import { findVisibleEnvironment } from '../persistence/environments';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * On the writes of an environment's window and updates: 404 for a tenant or environment this service does
 * not know, before the request's Idempotency-Key is claimed (guards run before interceptors), so that the
 * answer "not known here" is never recorded as the key's answer. The gateway, on that 404, relays the tenant
 * service's snapshot of the environment (LearnEnvironmentHttp) and sends the request again with the same key,
 * which then runs (docs/lifecycle.md, consistency across services). The handlers check again, locked.
 */
@Injectable()
export class KnownEnvironmentGuard implements CanActivate {
  constructor(
    private readonly dataSource: DataSource,
    private readonly directory: TenantDirectory,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const caller = callerOf(request);
    const { tenantId, name } = request.params as { tenantId?: string; name?: string };
    // Not this guard's to answer: no caller (refused before routing), a malformed id (the route's own pipe).
    if (!caller || !tenantId || !name || !UUID.test(tenantId)) return true;
    await this.directory.assertVisible(caller, tenantId);
    const environment = await findVisibleEnvironment(this.dataSource.manager, caller, tenantId, name);
    if (!environment) throw problemFor(ENVIRONMENT_NOT_FOUND);
    return true;
  }
}
