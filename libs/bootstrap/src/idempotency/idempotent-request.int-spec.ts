import { randomBytes, randomUUID } from 'node:crypto';
import { Body, Controller, Module, Post, UseInterceptors } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { InternalTokenSigner, InternalTokenVerifier } from '@pac/auth';
import { AdjustableClock } from '@pac/clock';
import {
  createServiceDataSource,
  dropServiceDatabase,
  inTransaction,
  provisionServiceDatabase,
  runMigrations,
} from '@pac/persistence';
import { TcpProxy } from '@pac/testing';
import pino from 'pino';
import type { DataSource, MigrationInterface, QueryRunner } from 'typeorm';
import { createServiceApp } from '../http/create-service-app';
import { ProblemException } from '../http/problem';
import { IdempotencyInterceptor } from './idempotency.interceptor';
import { idempotencyKeysMigration } from './idempotency.migration';
import { IdempotencyStore } from './idempotency.store';

jest.setTimeout(60_000);

/**
 * The promise of Idempotency-Key under faults, on a real Postgres reached through a proxy the test can cut:
 * whatever fails, a write with a key takes effect at most once, and a retry with the key gets its answer or
 * runs it (never 409 for a request that left nothing behind, never a second effect).
 */
describe('an idempotent write when the database fails', () => {
  const adminUrl = process.env['DATABASE_URL'];
  const schema = `idem_req_${randomBytes(4).toString('hex')}`;
  const clock = new AdjustableClock();
  const internalSecret = randomBytes(32).toString('hex');
  const signer = new InternalTokenSigner(internalSecret);
  let proxy: TcpProxy;
  let dataSource: DataSource;
  let app: NestFastifyApplication;
  /** What the handler does after its write, inside the request: cut the link to the database, or refuse. */
  let afterWrite: () => void = () => undefined;

  @Controller()
  @UseInterceptors(IdempotencyInterceptor)
  class WritesController {
    @Post('writes')
    async write(@Body() body: { label: string }): Promise<{ id: string }> {
      const id = randomUUID();
      await inTransaction(dataSource, (manager) =>
        manager.query(`INSERT INTO "${schema}".writes (id, label) VALUES ($1, $2)`, [id, body.label]),
      );
      afterWrite();
      return { id };
    }
  }

  beforeAll(async () => {
    if (!adminUrl) throw new Error('DATABASE_URL (a superuser URL) must be set: run through npm test');
    const serviceUrl = new URL(await provisionServiceDatabase(adminUrl, schema, 'password'));
    proxy = await TcpProxy.start({ host: serviceUrl.hostname, port: Number(serviceUrl.port) });
    serviceUrl.port = String(proxy.port);
    dataSource = createServiceDataSource({
      url: serviceUrl.toString(),
      schema,
      entities: [],
      migrations: [idempotencyKeysMigration(schema), writesTable(schema)],
    });
    await dataSource.initialize();
    await runMigrations(dataSource);

    @Module({
      controllers: [WritesController],
      providers: [
        { provide: IdempotencyStore, useValue: new IdempotencyStore(dataSource, schema, clock) },
        IdempotencyInterceptor,
      ],
    })
    class WritesModule {}
    app = await createServiceApp(WritesModule, {
      logger: pino({ level: 'silent' }),
      internalAuth: { verifier: new InternalTokenVerifier(internalSecret), openPaths: [] },
    });
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });

  afterEach(() => {
    afterWrite = () => undefined;
    proxy.restore();
  });

  afterAll(async () => {
    await app?.close();
    await dataSource?.destroy();
    await proxy?.stop();
    if (adminUrl) await dropServiceDatabase(adminUrl, schema);
  });

  const caller = { subject: 'user-1', partnerId: randomUUID(), roles: ['partner:admin' as const] };
  const post = async (label: string, key: string) => {
    const answer = await app.inject({
      method: 'POST',
      url: '/writes',
      headers: { ...signer.headersFor(caller), 'idempotency-key': key, 'content-type': 'application/json' },
      payload: JSON.stringify({ label }),
    });
    return {
      status: answer.statusCode,
      headers: answer.headers,
      body: answer.json() as Record<string, unknown>,
    };
  };
  const writesLabelled = async (label: string): Promise<number> => {
    const [{ count }] = await dataSource.query(
      `SELECT count(*)::int AS count FROM "${schema}".writes WHERE label = $1`,
      [label],
    );
    return count;
  };

  it('answers 503 with retry-after while the database is down, and runs the retry once it is back', async () => {
    const key = randomUUID();
    proxy.cut();
    const refused = await post('down', key);
    expect(refused.status).toBe(503);
    expect(refused.headers['retry-after']).toBeDefined();
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.body['code']).toBe('dependency-unavailable');

    proxy.restore();
    const retried = await post('down', key);
    expect(retried.status).toBe(201);
    expect(await writesLabelled('down')).toBe(1);
  });

  it('never runs a write twice when the link dies after the write and before the answer is recorded', async () => {
    const key = randomUUID();
    afterWrite = () => proxy.cut();
    const first = await post('cut', key);
    afterWrite = () => undefined;
    proxy.restore();
    // Whatever the first answer was, a retry after any stale-claim delay must not add a second write.
    await clock.advance(5 * 60_000);
    const retried = await post('cut', key);
    const again = await post('cut', key);
    expect(await writesLabelled('cut')).toBe(1);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(retried.body);
    if (first.status === 201) expect(retried.body).toEqual(first.body);
    else expect(first.status).toBe(503);
  });

  it('records a refusal without what the handler wrote before refusing, and replays it', async () => {
    const key = randomUUID();
    afterWrite = () => {
      throw ProblemException.conflict('refused after writing', { code: 'test-refusal' });
    };
    const refused = await post('refused', key);
    expect(refused.status).toBe(409);
    expect(refused.body['code']).toBe('test-refusal');
    afterWrite = () => undefined;
    const replayed = await post('refused', key);
    expect(replayed.status).toBe(409);
    expect(replayed.headers['idempotent-replayed']).toBe('true');
    expect(await writesLabelled('refused')).toBe(0);
  });

  it('runs one of several concurrent duplicates; the others get its answer', async () => {
    const key = randomUUID();
    const answers = await Promise.all(Array.from({ length: 5 }, () => post('concurrent', key)));
    expect(answers.map((a) => a.status)).toEqual(Array(5).fill(201));
    expect(new Set(answers.map((a) => a.body['id'])).size).toBe(1);
    expect(await writesLabelled('concurrent')).toBe(1);
  });
});

function writesTable(schema: string): new () => MigrationInterface {
  return class Writes1767225600999 implements MigrationInterface {
    readonly name = 'Writes1767225600999';
    async up(runner: QueryRunner): Promise<void> {
      await runner.query(`CREATE TABLE "${schema}".writes (id uuid PRIMARY KEY, label text NOT NULL)`);
    }
    async down(runner: QueryRunner): Promise<void> {
      await runner.query(`DROP TABLE "${schema}".writes`);
    }
  };
}
