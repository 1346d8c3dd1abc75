/**
 * Prints a development token: npm run dev-token -- --partner <uuid> --role partner:admin [--tenant <uuid>]
 * Signed with AUTH_JWT_SECRET (or the development default), with AUTH_ISSUER / AUTH_AUDIENCE as iss / aud when
 * set, like the gateway checks. Refuses to run when NODE_ENV=production.
 */
import { parseArgs } from 'node:util';
import { isRole, signDevTokenFromEnv, type Role } from '@pac/auth';

async function main(): Promise<void> {
  if (process.env['NODE_ENV'] === 'production') fail('dev tokens are not available in production');
  const { values } = parseArgs({
    options: {
      partner: { type: 'string', default: '00000000-0000-4000-8000-000000000000' },
      role: { type: 'string', multiple: true, default: ['partner:admin'] },
      tenant: { type: 'string' },
      subject: { type: 'string' },
      expires: { type: 'string', default: '12h' },
    },
  });
  const roles = values.role ?? [];
  const unknown = roles.filter((role) => !isRole(role));
  if (unknown.length > 0) fail(`unknown role(s): ${unknown.join(', ')}`);
  const token = await signDevTokenFromEnv(process.env, {
    partnerId: values.partner!,
    roles: roles as Role[],
    expiresIn: values.expires!,
    ...(values.tenant ? { tenantId: values.tenant } : {}),
    ...(values.subject ? { subject: values.subject } : {}),
  });
  process.stdout.write(`${token}\n`);
}

function fail(message: string): never {
  process.stderr.write(`dev-token: ${message}\n`);
  process.exit(2);
}

void main();
