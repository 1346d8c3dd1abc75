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
  urls: Record<ServiceName, string>;
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
  const urls = Object.fromEntries(
    (Object.keys(PORT_OFFSETS) as ServiceName[]).map((name) => [
      name,
      `http://127.0.0.1:${options.portBase + PORT_OFFSETS[name]}`,
    ]),
  ) as Record<ServiceName, string>;
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
    TENANT_URL: urls.tenant,
    LIFECYCLE_URL: urls.lifecycle,
    NOTIFICATION_URL: urls.notification,
    TELEMETRY_URL: urls.telemetry,
    SANDBOX_URL: urls.sandbox,
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

  const processes = DOMAIN_SERVICES.map((name) => start(name, options.portBase + PORT_OFFSETS[name]));
  processes.push(start('gateway', options.portBase));
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

/** dist/, seen from this module at dist/libs/launcher/src. */
const COMPILED_TREE = path.resolve(__dirname, '..', '..', '..');
