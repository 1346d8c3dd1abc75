/**
 * Gives every domain service its own database role and schema, as `npm start` does, where the services run
 * elsewhere: the one-shot `init` of docker-compose.yml and the provisioning Job of deploy/k8s. Idempotent.
 *
 *   DATABASE_URL           an admin URL (superuser, or a role with CREATEROLE that owns the database)
 *   <SERVICE>_DB_PASSWORD  the password of each service's role, e.g. TENANT_DB_PASSWORD; outside production
 *                          the development passwords of `npm start` are used when it is not set
 */
import { developmentDatabasePassword, DOMAIN_SERVICES, type DomainService } from '@pac/launcher';
import { provisionServiceDatabase } from '@pac/persistence';

function passwordOf(service: DomainService, env: NodeJS.ProcessEnv): string {
  const name = `${service.toUpperCase()}_DB_PASSWORD`;
  const given = env[name];
  if (given) return given;
  if (env['NODE_ENV'] === 'production') throw new Error(`${name} is required in production`);
  return developmentDatabasePassword(service);
}

async function main(env: NodeJS.ProcessEnv): Promise<void> {
  const adminUrl = env['DATABASE_URL'];
  if (!adminUrl) throw new Error('DATABASE_URL (an admin URL) is required');
  // Every password is checked before the first role is touched.
  const passwords = DOMAIN_SERVICES.map((service) => [service, passwordOf(service, env)] as const);
  for (const [service, password] of passwords) {
    await provisionServiceDatabase(adminUrl, service, password);
    process.stdout.write(`provisioned role ${service}_svc and schema ${service}\n`);
  }
}

main(process.env).catch((error: unknown) => {
  process.stderr.write(
    `provision-databases failed: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exitCode = 1;
});
