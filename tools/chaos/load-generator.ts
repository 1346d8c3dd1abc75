import type { ChaosClient, Outcome } from './chaos-client';
import type { RouteOwner } from './traffic-log';

/** What the system acknowledged (2xx), hence must hold exactly once after every fault. */
export interface Ledger {
  tenants: Map<string, string>;
  environments: Array<{ tenantId: string; name: string }>;
  /** The last window acknowledged per tenant/environment. */
  windows: Map<string, Window>;
  /** Writes that got a definite refusal or no answer at all, with what came back. */
  anomalies: Array<{ what: string; status: number; body: unknown }>;
}

export interface Window {
  preferredStartTime: string;
  preferredEndTime: string;
  timeZone: string;
}

const ENVIRONMENT = 'Main';
const COUNTRIES = ['FR', 'DE', 'BE', 'NL', 'ES'];

/**
 * Customers onboarded as a partner would: a tenant, its production environment, then its update window
 * (once the lifecycle service knows the environment: a 404 until then is retried later, not an anomaly),
 * with reads of every service's routes in between. Runs `workers` loops until stop().
 */
export class LoadGenerator {
  readonly ledger: Ledger = { tenants: new Map(), environments: [], windows: new Map(), anomalies: [] };
  private stopping = false;
  private readonly running: Promise<void>[] = [];
  private readonly pendingWindows: Array<{ tenantId: string; attempts: number }> = [];

  constructor(
    private readonly client: ChaosClient,
    private readonly runId: string,
    private readonly reads: Array<{ owner: RouteOwner; path: string }>,
  ) {}

  start(workers: number): void {
    for (let worker = 0; worker < workers; worker += 1) this.running.push(this.loop(worker));
  }

  /** Stops starting new work; waits until every write in flight has its final answer. */
  async stop(): Promise<void> {
    this.stopping = true;
    await Promise.all(this.running);
    // Windows of environments the lifecycle service had not yet learnt: set them now that all is quiet.
    while (this.pendingWindows.length > 0) await this.setOneWindow(true);
  }

  private async loop(worker: number): Promise<void> {
    for (let i = 0; !this.stopping; i += 1) {
      await this.onboard(`chaos ${this.runId} w${worker} #${i}`, COUNTRIES[i % COUNTRIES.length]!);
      await this.setOneWindow(false);
      const read = this.reads[i % this.reads.length]!;
      await this.client.read(read.owner, read.path);
    }
  }

  private async onboard(name: string, countryCode: string): Promise<void> {
    const tenant = await this.client.write<{ id: string }>('tenant', 'POST', '/v1/tenants', {
      name,
      countryCode,
    });
    if (!this.acknowledged(tenant, `create tenant "${name}"`)) return;
    this.ledger.tenants.set(tenant.body.id, name);
    const environment = await this.client.write(
      'tenant',
      'POST',
      `/v1/tenants/${tenant.body.id}/environments`,
      {
        name: ENVIRONMENT,
        type: 'production',
      },
    );
    if (!this.acknowledged(environment, `create environment of ${tenant.body.id}`)) return;
    this.ledger.environments.push({ tenantId: tenant.body.id, name: ENVIRONMENT });
    this.pendingWindows.push({ tenantId: tenant.body.id, attempts: 0 });
  }

  /** Sets the window of the environment waiting longest; `patient` retries a 404 until the lifecycle knows it. */
  private async setOneWindow(patient: boolean): Promise<void> {
    const pending = this.pendingWindows.shift();
    if (!pending) return;
    const hour = 18 + (pending.attempts % 6);
    const window: Window = {
      preferredStartTime: `${String(hour).padStart(2, '0')}:00`,
      preferredEndTime: `${String((hour + 8) % 24).padStart(2, '0')}:00`,
      timeZone: 'Europe/Paris',
    };
    const path = `/v1/tenants/${pending.tenantId}/environments/${ENVIRONMENT}/update-window`;
    const answer = await this.client.write('lifecycle', 'PUT', path, window);
    if (answer.kind === 'refused' && answer.status === 404 && pending.attempts < 600) {
      this.pendingWindows.push({ ...pending, attempts: pending.attempts + 1 });
      if (patient) await new Promise((resolve) => setTimeout(resolve, 100));
      return;
    }
    if (this.acknowledged(answer, `set window of ${pending.tenantId}`)) {
      this.ledger.windows.set(`${pending.tenantId}/${ENVIRONMENT}`, window);
    }
  }

  private acknowledged<T>(outcome: Outcome<T>, what: string): outcome is Outcome<T> & { kind: 'done' } {
    if (outcome.kind === 'done') return true;
    this.ledger.anomalies.push({
      what: `${what}: ${outcome.kind}`,
      status: outcome.status,
      body: outcome.body,
    });
    return false;
  }
}
