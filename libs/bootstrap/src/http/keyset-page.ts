import { decodeCursor, encodeCursor, isCursorTime, type Page } from '@pac/http-contracts';
import { types, type Pool, type QueryResultRow } from 'pg';
import type { DataSource, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { ProblemException } from './problem';

export const DEFAULT_PAGE_SIZE = 50;

/** The content type of a JSON answer given as text (see newestFirstJsonPage); Fastify sends it as it is. */
export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

/** JSON text of a `T`, made by the database: the handler returns it and Fastify sends it untouched. */
export type JsonText<T> = string & { readonly __jsonOf?: T };

/**
 * The order a list is keyset-paged in: columns of the query's alias that together are unique (so the order is
 * stable), all in one direction; the cursor holds the last row's values of them.
 */
export interface PageOrder<E> {
  columns: readonly string[];
  direction: 'ASC' | 'DESC';
  /** The last row's values of the columns: the next page's cursor. */
  cursorOf(row: E): (string | number)[];
  /** Whether decoded cursor values can be this order's: a forged cursor is a 400, never a failing query. */
  accepts(values: readonly (string | number)[]): boolean;
}

/** Newest first: by a time column, then the uuid id for rows of the same instant. `time` reads it from a row. */
export function newestFirst<E extends { id: string }>(
  time: (row: E) => Date,
  timeColumn = 'created_at',
  idColumn = 'id',
): PageOrder<E> {
  return {
    columns: [timeColumn, idColumn],
    direction: 'DESC',
    cursorOf: (row) => [time(row).toISOString(), row.id],
    accepts: ([at, id]) => isCursorTime(at) && typeof id === 'string' && UUID.test(id),
  };
}

/** By one column whose values are unique in the list (a version key, an environment name in its tenant). */
export function byUniqueColumn<E, K extends string | number>(
  column: string,
  direction: 'ASC' | 'DESC',
  value: (row: E) => K,
  kind: K extends number ? 'integer' : 'text',
): PageOrder<E> {
  return {
    columns: [column],
    direction,
    cursorOf: (row) => [value(row)],
    accepts: ([key]) => (kind === 'integer' ? Number.isInteger(key) : typeof key === 'string'),
  };
}

/**
 * A page of a list: the one way every list of the services pages (`?limit=` and `?cursor=`, answered
 * `{ items, nextCursor }`). The builder carries the caller's scope and filters; this adds the order, the
 * cursor's condition and the limit. `toItems` maps the page's rows (all at once, so it may read more for them).
 */
export async function keysetPage<E extends ObjectLiteral, T>(
  builder: SelectQueryBuilder<E>,
  alias: string,
  page: { limit?: number; cursor?: string },
  order: PageOrder<E>,
  toItems: (rows: E[]) => T[] | Promise<T[]>,
): Promise<Page<T>> {
  const limit = page.limit ?? DEFAULT_PAGE_SIZE;
  afterCursor(builder, alias, page.cursor, order);
  orderBy(builder, alias, order);
  const rows = await builder.limit(limit + 1).getMany();
  const pageRows = rows.slice(0, limit);
  const last = pageRows[pageRows.length - 1];
  return {
    items: await toItems(pageRows),
    nextCursor: rows.length > limit && last ? encodeCursor(order.cursorOf(last)) : null,
  };
}

/**
 * The same page as keysetPage newest first (same order, cursor and limit), but made into JSON by Postgres: each row
 * becomes its item's JSON text in SQL (`item`, usually a `jsonItem(...)`), and the page is put together
 * around those texts, never parsed into objects nor serialised again. For lists read often and large (the
 * tenants, the central view): no entity hydration, no date or array parsing, no JSON.stringify of the page.
 * Returns `{"items":[...],"nextCursor":...}`; the handler sends it with `@Header('content-type',
 * JSON_CONTENT_TYPE)`. Runs on the pool, outside any transaction, as a prepared statement (see queryPrepared).
 */
export async function newestFirstJsonPage<E extends ObjectLiteral, T>(
  builder: SelectQueryBuilder<E>,
  alias: string,
  page: { limit?: number; cursor?: string },
  item: string,
  timeColumn = 'created_at',
  idColumn = 'id',
): Promise<JsonText<Page<T>>> {
  const limit = page.limit ?? DEFAULT_PAGE_SIZE;
  // The order of newestFirst; the rows here are JSON texts, so the cursor is read from the raw key below.
  const order = newestFirst<{ id: string }>(() => new Date(0), timeColumn, idColumn);
  afterCursor(builder, alias, page.cursor, order);
  builder
    .select(`(${item})::text`, 'item')
    // The key as text, and only the last row's read as a Date (node-pg's own parser, as getMany does).
    .addSelect(`${alias}.${timeColumn}::text`, 'key_time')
    .addSelect(`${alias}.${idColumn}::text`, 'key_id');
  orderBy(builder, alias, order);
  const [sql, parameters] = builder.limit(limit + 1).getQueryAndParameters();
  const rows = await queryPrepared<{ item: string; key_time: string; key_id: string }>(
    builder.connection,
    sql,
    parameters,
  );
  const count = Math.min(rows.length, limit);
  let json = '{"items":[';
  for (let i = 0; i < count; i += 1) json += i === 0 ? rows[i]!.item : `,${rows[i]!.item}`;
  const last = rows[count - 1];
  const next =
    rows.length > limit && last
      ? JSON.stringify(encodeCursor([parseTimestamptz(last.key_time).toISOString(), last.key_id]))
      : 'null';
  return `${json}],"nextCursor":${next}}`;
}

/**
 * SQL for one JSON object with the API's field names, in the order given (compact, like JSON.stringify):
 * `jsonItem({ id: 't.id', createdAt: isoTime('t.created_at') })`. Values are SQL expressions of the row;
 * json and jsonb columns are embedded as they are, arrays become JSON arrays, NULL becomes null.
 */
export function jsonItem(fields: Record<string, string>): string {
  const columns = Object.entries(fields).map(([name, sql]) => `${sql} AS "${name.replace(/"/g, '""')}"`);
  return `(SELECT row_to_json(item) FROM (SELECT ${columns.join(', ')}) AS item)`;
}

/** One name per distinct SQL text: the same filters give the same text, so there are few of them. */
const statementNames = new Map<string, string>();

/**
 * Runs a read as a named prepared statement of node-pg: each pooled connection parses and plans it once, then
 * only binds and executes it (a list page's plan, with its JSON-building subquery, costs Postgres about as
 * much as running it). TypeORM has no prepared statements, hence its pool directly.
 */
async function queryPrepared<R>(dataSource: DataSource, text: string, values: unknown[]): Promise<R[]> {
  let name = statementNames.get(text);
  if (!name) statementNames.set(text, (name = `page_${statementNames.size + 1}`));
  const pool = (dataSource.driver as PostgresDriver).master as Pool;
  const result = await pool.query<R & QueryResultRow>({ name, text, values });
  return result.rows;
}

const parseTimestamptz = types.getTypeParser(types.builtins.TIMESTAMPTZ, 'text') as (text: string) => Date;

/** A timestamptz as JavaScript's Date#toISOString writes it: UTC, milliseconds (truncated), "Z". */
export function isoTime(column: string): string {
  return `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
}

/** Keyset condition: rows strictly after the cursor's in the page's order; 400 naming `cursor` for a bad one. */
function afterCursor<E extends ObjectLiteral>(
  builder: SelectQueryBuilder<E>,
  alias: string,
  cursor: string | undefined,
  order: PageOrder<never>,
): void {
  if (!cursor) return;
  const values = decodeCursor(cursor, order.columns.length);
  // A cursor that decodes but was not made here (edited by hand) is as bad as one that does not decode: a
  // 400, never a query Postgres refuses (a 500).
  if (!values || !order.accepts(values))
    throw ProblemException.validation([{ field: 'cursor', message: 'cursor is not valid' }]);
  const columns = order.columns.map((column) => `${alias}.${column}`).join(', ');
  const parameters = Object.fromEntries(values.map((value, i) => [`cursor${i}`, value]));
  const placeholders = values.map((_, i) => `:cursor${i}`).join(', ');
  builder.andWhere(`(${columns}) ${order.direction === 'ASC' ? '>' : '<'} (${placeholders})`, parameters);
}

function orderBy<E extends ObjectLiteral>(
  builder: SelectQueryBuilder<E>,
  alias: string,
  order: PageOrder<never>,
): void {
  order.columns.forEach((column, i) =>
    i === 0
      ? builder.orderBy(`${alias}.${column}`, order.direction)
      : builder.addOrderBy(`${alias}.${column}`, order.direction),
  );
}

/** The id column of every newest-first list is a uuid (rows' ids, the overview's tenant ids). */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
