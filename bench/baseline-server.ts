/**
 * Issue 3's yardstick: the least a process can do to answer the page of GET /v1/tenants. Fastify and pg,
 * nothing else: no gateway, no Nest, no token, no validation, no log line. It runs the same page query as
 * the tenant service over the same table (the partner's customers, newest first, keyset cursor on
 * (created_at, id), 50 by default), connected as the tenant service's role with the same pool size, maps
 * the rows to the API's field names and lets Fastify serialise `{ items, nextCursor }` — the naive way.
 *
 * The partner comes from the `x-caller-partner-id` header, as the internal API reads it.
 * Usage: DATABASE_URL=<tenant role URL> PORT=3910 node dist/bench/baseline-server.js
 */
import Fastify from 'fastify';
import { Pool } from 'pg';

interface TenantRow {
  id: string;
  partner_id: string;
  name: string;
  country_code: string;
  external_directory_id: string | null;
  status: string;
  tags: string[];
  contacts: unknown[];
  created_at: Date;
  updated_at: Date;
}

const encodeCursor = (key: string[]) => Buffer.from(JSON.stringify(key)).toString('base64url');
const decodeCursor = (cursor: string): string[] | undefined => {
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    return Array.isArray(key) && key.length === 2 ? (key as string[]) : undefined;
  } catch {
    return undefined;
  }
};

async function main(): Promise<void> {
  const pool = new Pool({ connectionString: process.env['DATABASE_URL'], max: 10 });
  const app = Fastify({ logger: false, keepAliveTimeout: 65_000 });

  app.get<{ Querystring: { limit?: string; cursor?: string } }>('/tenants', async (request, reply) => {
    const partnerId = request.headers['x-caller-partner-id'];
    if (typeof partnerId !== 'string') return reply.status(401).send({ title: 'no caller' });
    const limit = Math.min(200, Math.max(1, Number(request.query.limit ?? 50) || 50));
    const params: unknown[] = [partnerId, limit + 1];
    let keyset = '';
    if (request.query.cursor) {
      const key = decodeCursor(request.query.cursor);
      if (!key) return reply.status(400).send({ title: 'cursor is not valid' });
      params.push(key[0], key[1]);
      keyset = 'AND (created_at, id) < ($3, $4)';
    }
    const { rows } = await pool.query<TenantRow>(
      `SELECT id, partner_id, name, country_code, external_directory_id, status, tags, contacts,
              created_at, updated_at
         FROM tenants WHERE partner_id = $1 ${keyset}
        ORDER BY created_at DESC, id DESC LIMIT $2`,
      params,
    );
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map((row) => ({
        id: row.id,
        partnerId: row.partner_id,
        name: row.name,
        countryCode: row.country_code,
        externalDirectoryId: row.external_directory_id,
        status: row.status,
        tags: row.tags,
        contacts: row.contacts,
        createdAt: row.created_at.toISOString(),
        updatedAt: row.updated_at.toISOString(),
      })),
      nextCursor: rows.length > limit && last ? encodeCursor([last.created_at.toISOString(), last.id]) : null,
    };
  });

  const close = () => {
    void app.close().then(() => pool.end());
  };
  process.once('SIGTERM', close);
  process.once('SIGINT', close);
  await app.listen({ port: Number(process.env['PORT'] ?? 3910), host: '127.0.0.1' });
  process.stdout.write('baseline listening\n');
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
