import { Injectable } from '@nestjs/common';
import { InternalTokenSigner, type Caller } from '@pac/auth';
import { IDEMPOTENCY_KEY_HEADER } from '@pac/http-contracts';
import { request } from 'undici';
import type { CopyAnswer, CopyProgress, SandboxCaller } from '../domain/sandbox';
import { SandboxConfig } from '../sandbox.config';

interface Answer {
  status: number;
  body: Record<string, unknown>;
}

/** The tenant service's answer could not be had (down, timed out, 5xx): the step is tried again later. */
export class TenantServiceUnavailable extends Error {}

/**
 * The tenant service as the saga calls it: as the partner who asked (a token signed like the gateway's, so
 * that the tenant service applies that partner's visibility), every write with an Idempotency-Key, so that a
 * step run again after a restart gets the first answer back instead of a second effect.
 */
@Injectable()
export class TenantService {
  private readonly signer: InternalTokenSigner;

  constructor(private readonly config: SandboxConfig) {
    this.signer = new InternalTokenSigner(config.INTERNAL_AUTH_SECRET);
  }

  /** The tenant's sandbox quota and how many sandbox environments count toward it. */
  async sandboxQuota(caller: Caller, tenantId: string): Promise<{ quota: number; used: number } | Answer> {
    const answer = await this.call(caller, 'GET', `/tenants/${tenantId}/environment-quotas`);
    if (answer.status !== 200) return answer;
    const sandbox = answer.body['sandbox'] as { quota: number; used: number };
    return { quota: sandbox.quota, used: sandbox.used };
  }

  async environment(caller: Caller, tenantId: string, name: string): Promise<Answer> {
    return this.call(caller, 'GET', `/tenants/${tenantId}/environments/${encodeURIComponent(name)}`);
  }

  /** The tenant's production environment's name (the default source), or null. */
  async productionName(caller: Caller, tenantId: string): Promise<string | null | Answer> {
    const answer = await this.call(caller, 'GET', `/tenants/${tenantId}/environments?limit=100`);
    if (answer.status !== 200) return answer;
    const items = answer.body['items'] as { name: string; type: string; status: string }[];
    return items.find((e) => e.type === 'production' && e.status !== 'soft-deleted')?.name ?? null;
  }

  async copy(
    caller: SandboxCaller,
    tenantId: string,
    source: string,
    target: { environmentName: string; refresh: boolean },
    idempotencyKey: string,
  ): Promise<CopyAnswer> {
    const answer = await this.call(
      caller,
      'POST',
      `/tenants/${tenantId}/environments/${encodeURIComponent(source)}/copy`,
      { environmentName: target.environmentName, type: 'sandbox', refresh: target.refresh },
      idempotencyKey,
    );
    if (answer.status === 202) return { kind: 'accepted', operationId: String(answer.body['id']) };
    // The first try of this step is still running there (this instance was killed under it): ask again later.
    if (answer.body['code'] === 'idempotency-key-in-progress') {
      throw new TenantServiceUnavailable('the copy asked before a restart is still in progress');
    }
    return { kind: 'refused', ...problemOf(answer) };
  }

  async copyProgress(caller: SandboxCaller, operationId: string): Promise<CopyProgress> {
    const answer = await this.call(caller, 'GET', `/operations/${operationId}`);
    if (answer.status !== 200) return { kind: 'failed', ...problemOf(answer) };
    const status = answer.body['status'];
    if (status === 'succeeded') {
      const parameters = answer.body['parameters'] as { applicationVersion: string };
      return { kind: 'succeeded', applicationVersion: parameters.applicationVersion };
    }
    if (status === 'failed' || status === 'canceled' || status === 'skipped') {
      const error = answer.body['error'] as { code: string; message: string } | null;
      return {
        kind: 'failed',
        code: error?.code ?? 'copy-failed',
        message: error?.message ?? 'the copy failed',
      };
    }
    return { kind: 'running' };
  }

  /** Removes the copy at once (204 also when it is already gone). */
  async withdraw(caller: SandboxCaller, tenantId: string, name: string): Promise<void> {
    const answer = await this.call(
      caller,
      'DELETE',
      `/tenants/${tenantId}/environments/${encodeURIComponent(name)}/copy`,
    );
    if (answer.status !== 204) throw new Error(`withdrawing ${name}: ${JSON.stringify(answer.body)}`);
  }

  private async call(
    caller: Caller,
    method: 'GET' | 'POST' | 'DELETE',
    path: string,
    body?: unknown,
    idempotencyKey?: string,
  ): Promise<Answer> {
    const headers: Record<string, string> = { ...this.signer.headersFor(caller) };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (idempotencyKey) headers[IDEMPOTENCY_KEY_HEADER] = idempotencyKey;
    let answer;
    const urls = this.config.TENANT_URL;
    for (let attempt = 0; ; attempt += 1) {
      try {
        answer = await request(`${urls[attempt % urls.length]}${path}`, {
          method,
          headers,
          ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
          headersTimeout: this.config.TENANT_CALL_TIMEOUT_MS,
          bodyTimeout: this.config.TENANT_CALL_TIMEOUT_MS,
        });
        break;
      } catch (error) {
        // Only a refused connection goes to the next instance: nothing was sent, so nothing can run twice.
        const refused = (error as { code?: string }).code === 'ECONNREFUSED';
        if (!refused || attempt + 1 >= urls.length)
          throw new TenantServiceUnavailable(`tenant service: ${String(error)}`);
      }
    }
    const text = await answer.body.text();
    if (answer.statusCode >= 500)
      throw new TenantServiceUnavailable(`tenant service answered ${answer.statusCode}`);
    return { status: answer.statusCode, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
  }
}

function problemOf(answer: Answer): { code: string; message: string } {
  return {
    code: typeof answer.body['code'] === 'string' ? answer.body['code'] : `http-${answer.status}`,
    message: typeof answer.body['detail'] === 'string' ? answer.body['detail'] : 'the tenant service refused',
  };
}
