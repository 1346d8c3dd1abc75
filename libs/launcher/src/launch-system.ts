import path from 'node:path';
import { provisionServiceDatabase } from '@pac/persistence';
import { SupervisedService } from './supervised-service';
import {
  developmentDatabasePassword,
  DOMAIN_SERVICES,
  PORT_OFFSETS,
  type DomainService,
  type ServiceName,
} from './services';

export interface SystemOptions {
  /** Superuser URL: used only here, to give each service its own role and schema. */
  adminDatabaseUrl: string;
  kafkaBrokers: string[];
  /** Where the notification service sends e-mail (the stack's `smtpUrl`). */
  smtpUrl?: string;
  /** The gateway listens on portBase, the services on the next five ports. */
  portBase: number;
  /**
   * Instances of every process, default 1. Instance k (from 0) listens on its port + 6k; the gateways are
   * given every instance's URL of each service and balance their calls over them.
   */
  instances?: number;
  /** The compiled tree (dist/); by default the one this launcher was compiled into. */
  distDir?: string;
  logTo: { folder: string } | 'inherit';
  /** Extra environment for every service (NODE_ENV, LOG_LEVEL, AUTH_JWT_SECRET, ...). */
  env?: NodeJS.ProcessEnv;
  /** Where the supervisor says that a service crashed and is restarted; default: stderr. */
  log?: (line: string) => void;
}

export interface RunningSystem {
  gatewayUrl: string;
  /** The first instance of each process. */
  urls: Record<ServiceName, string>;
  /** Every instance of each process, the first one first. */
  instanceUrls: Record<ServiceName, string[]>;
  /** Every instance, supervised: restarted when it crashes, until stop(). */
  processes: SupervisedService[];
  /** Starts one more instance of a domain service (e.g. a second lifecycle instance) on the given port. */
  startInstance(service: DomainService, port: number): Promise<SupervisedService>;
  stop(): Promise<void>;
}

/**
 * Provisions each service's database role and schema, starts the five domain services and the gateway as
 * separate processes (each runs its own migrations), each under a supervisor that restarts it if it crashes,
 * and waits until every one is ready.
 */
export async function launchSystem(options: SystemOptions): Promise<RunningSystem> {
  const instances = options.instances ?? 1;
  const portOf = (name: ServiceName, instance: number) =>
    options.portBase + PORT_OFFSETS[name] + INSTANCE_PORT_STRIDE * instance;
  const names = Object.keys(PORT_OFFSETS) as ServiceName[];
  const instanceUrls = Object.fromEntries(
    names.map((name) => [
      name,
      Array.from({ length: instances }, (_, k) => `http://127.0.0.1:${portOf(name, k)}`),
    ]),
  ) as Record<ServiceName, string[]>;
  const urls = Object.fromEntries(names.map((name) => [name, instanceUrls[name][0]!])) as Record<
    ServiceName,
    string
  >;
  const serviceUrls: Record<DomainService, string> = {} as Record<DomainService, string>;
  for (const service of DOMAIN_SERVICES) {
    serviceUrls[service] = await provisionServiceDatabase(
      options.adminDatabaseUrl,
      service,
      developmentDatabasePassword(service),
    );
  }
  const common: NodeJS.ProcessEnv = {
    ...process.env,
    ...options.env,
    KAFKA_BROKERS: options.kafkaBrokers.join(','),
    ...(options.smtpUrl ? { SMTP_URL: options.smtpUrl } : {}),
    // The links of e-mails point at this system's gateway.
    LINK_BASE_URL: urls.gateway,
    TENANT_URL: instanceUrls.tenant.join(','),
    LIFECYCLE_URL: instanceUrls.lifecycle.join(','),
    NOTIFICATION_URL: instanceUrls.notification.join(','),
    TELEMETRY_URL: instanceUrls.telemetry.join(','),
    SANDBOX_URL: instanceUrls.sandbox.join(','),
  };
  delete common['DATABASE_URL'];
  const log = options.log ?? ((line: string) => process.stderr.write(`[supervisor] ${line}\n`));
  const start = (name: ServiceName, port: number) =>
    new SupervisedService(
      {
        name,
        port,
        distDir: options.distDir ?? COMPILED_TREE,
        logTo: options.logTo,
        env: name === 'gateway' ? common : { ...common, DATABASE_URL: serviceUrls[name] },
      },
      log,
    );

  const processes: SupervisedService[] = [];
  for (let k = 0; k < instances; k++) {
    for (const name of DOMAIN_SERVICES) processes.push(start(name, portOf(name, k)));
    processes.push(start('gateway', portOf('gateway', k)));
  }
  const stopAll = async () => {
    await Promise.all(processes.map((p) => p.stop()));
  };
  try {
    await Promise.all(processes.map((p) => p.waitUntilReady()));
  } catch (error) {
    await stopAll();
    throw error;
  }
  return {
    gatewayUrl: urls.gateway,
    urls,
    instanceUrls,
    processes,
    async startInstance(service, port) {
      const instance = start(service, port);
      processes.push(instance);
      await instance.waitUntilReady();
      return instance;
    },
    stop: stopAll,
  };
}

/** Ports between one instance of the system and the next: the six processes' offsets, 0 to 5. */
const INSTANCE_PORT_STRIDE = 6;

/** dist/, seen from this module at dist/libs/launcher/src. */
const COMPILED_TREE = path.resolve(__dirname, '..', '..', '..');
