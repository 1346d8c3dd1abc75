import { randomBytes, randomUUID } from 'node:crypto';
import { createServiceDataSource, dropServiceDatabase, provisionServiceDatabase } from '@pac/persistence';
import { encodeCursor } from '@pac/http-contracts';
import { Column, Entity, PrimaryColumn, type DataSource } from 'typeorm';
import {
  byUniqueColumn,
  isoTime,
  jsonItem,
  keysetPage,
  newestFirst,
  newestFirstJsonPage,
} from './keyset-page';

jest.setTimeout(30_000);

function adminUrl(): string {
  const url = process.env['DATABASE_URL'];
  if (!url) throw new Error('DATABASE_URL (a superuser URL) must be set to run this integration test');
  return url;
}

@Entity({ name: 'things' })
class ThingEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('text') owner!: string;
  @Column('text') name!: string;
  @Column('char', { length: 2 }) code!: string;
  @Column('text', { nullable: true }) note!: string | null;
  @Column('text', { array: true }) tags!: string[];
  @Column('jsonb') details!: unknown;
  @Column('integer') count!: number;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
}

const toItem = (row: ThingEntity) => ({
  id: row.id,
  name: row.name,
  code: row.code,
  note: row.note,
  tags: row.tags,
  details: row.details,
  nested: { count: row.count, at: row.createdAt.toISOString() },
  createdAt: row.createdAt.toISOString(),
});

const ITEM = jsonItem({
  id: 'x.id',
  name: 'x.name',
  code: 'x.code',
  note: 'x.note',
  tags: 'x.tags',
  details: 'x.details',
  nested: jsonItem({ count: 'x.count', at: isoTime('x.created_at') }),
  createdAt: isoTime('x.created_at'),
});

/** The JSON page made by Postgres is the page keysetPage makes from entities newest first, text for text. */
describe('newestFirstJsonPage', () => {
  const service = `pages_${randomBytes(4).toString('hex')}`;
  let dataSource: DataSource;

  beforeAll(async () => {
    const url = await provisionServiceDatabase(adminUrl(), service, 'password');
    dataSource = createServiceDataSource({
      url,
      schema: service,
      entities: [ThingEntity],
      migrations: [],
      poolSize: 2,
    });
    await dataSource.initialize();
    await dataSource.query(`
      CREATE TABLE things (
        id uuid PRIMARY KEY, owner text NOT NULL, name text NOT NULL, code char(2) NOT NULL, note text,
        tags text[] NOT NULL, details jsonb NOT NULL, count integer NOT NULL, created_at timestamptz NOT NULL)`);
    const names = ['plain', 'quote " and \\ backslash', 'ünïcödé ✓ 😀', 'tab\tnew\nline\u0001', "it's", ''];
    const base = Date.parse('2026-03-29T00:59:59.999Z');
    for (let i = 0; i < 23; i += 1) {
      // Ties on the millisecond, every third row: the id decides their order.
      const at = new Date(base - Math.floor(i / 3) * 1_001).toISOString();
      await dataSource.query(`INSERT INTO things VALUES ($1, 'me', $2, $3, $4, $5, $6, $7, $8)`, [
        randomUUID(),
        `${names[i % names.length]} ${i}`,
        i % 2 ? 'FR' : 'DE',
        i % 3 ? null : 'a note',
        i % 4 ? ['a', 'b "c"'] : [],
        JSON.stringify({ z: 1, a: [true, null, 'x'], nested: { k: 'v' } }),
        i,
        at,
      ]);
    }
    await dataSource.query(
      `INSERT INTO things VALUES ($1, 'other', 'not mine', 'FR', null, '{}', '{}', 0, now())`,
      [randomUUID()],
    );
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await dropServiceDatabase(adminUrl(), service);
  });

  const query = () => dataSource.getRepository(ThingEntity).createQueryBuilder('x').where(`x.owner = 'me'`);
  const entityPage = (page: { limit?: number; cursor?: string }) =>
    keysetPage(
      query(),
      'x',
      page,
      newestFirst((row: ThingEntity) => row.createdAt),
      (rows) => rows.map(toItem),
    );

  it('gives the same pages, items and cursors as keysetPage newest first, page after page', async () => {
    for (const limit of [1, 4, 23, 50]) {
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = { limit, ...(cursor ? { cursor } : {}) };
        const expected = await entityPage(page);
        const text = await newestFirstJsonPage(query(), 'x', page, ITEM);
        expect(JSON.parse(text)).toEqual(expected);
        // Same fields in the same order: the text is what JSON.stringify makes of the entities' page, but
        // for the spaces jsonb puts in its own text.
        expect(JSON.stringify(JSON.parse(text))).toBe(JSON.stringify(expected));
        cursor = expected.nextCursor ?? undefined;
        pages += 1;
      } while (cursor);
      expect(pages).toBe(Math.ceil(23 / limit));
    }
  });

  it('refuses a cursor it did not make', async () => {
    await expect(newestFirstJsonPage(query(), 'x', { cursor: 'nope' }, ITEM)).rejects.toMatchObject({
      problem: { status: 400, errors: [{ field: 'cursor' }] },
    });
  });

  it('refuses, as a 400 naming cursor, a cursor that decodes but holds no time and uuid', async () => {
    const forged = [
      encodeCursor(['not a time', randomUUID()]),
      encodeCursor([new Date().toISOString(), 'not a uuid']),
      encodeCursor([12, randomUUID()]),
    ];
    for (const cursor of forged) {
      const refused = { problem: { status: 400, errors: [{ field: 'cursor' }] } };
      await expect(entityPage({ cursor })).rejects.toMatchObject(refused);
      await expect(newestFirstJsonPage(query(), 'x', { cursor }, ITEM)).rejects.toMatchObject(refused);
    }
  });

  it('pages by a unique column in either direction, page after page, and refuses a cursor of the wrong kind', async () => {
    const all = (await query().getMany()).map((row) => row.count).sort((a, b) => a - b);
    for (const direction of ['ASC', 'DESC'] as const) {
      const byCount = byUniqueColumn('count', direction, (row: ThingEntity) => row.count, 'integer');
      const seen: number[] = [];
      let cursor: string | undefined;
      do {
        const page = await keysetPage(
          query(),
          'x',
          { limit: 5, ...(cursor ? { cursor } : {}) },
          byCount,
          (rows) => rows.map((row) => row.count),
        );
        seen.push(...page.items);
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(seen).toEqual(direction === 'ASC' ? all : [...all].reverse());
    }
    const byName = byUniqueColumn('name', 'ASC', (row: ThingEntity) => row.name, 'text');
    await expect(
      keysetPage(query(), 'x', { cursor: encodeCursor([12]) }, byName, (rows) => rows),
    ).rejects.toMatchObject({ problem: { status: 400, errors: [{ field: 'cursor' }] } });
  });

  it('writes timestamps as Date#toISOString does', async () => {
    const rows = await dataSource.query<{ iso: string; raw: Date }[]>(
      `SELECT ${isoTime('t.at')} AS iso, t.at AS raw FROM (VALUES
         ('2026-01-01T00:00:00Z'::timestamptz), ('2026-12-31T23:59:59.999999+02'::timestamptz),
         ('1999-02-03T04:05:06.007+00'::timestamptz)) AS t(at)`,
    );
    for (const row of rows) expect(row.iso).toBe(row.raw.toISOString());
  });
});
