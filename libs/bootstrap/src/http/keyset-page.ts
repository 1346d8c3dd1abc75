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
 * Runs a list query newest first, keyset-paged on (time column, id) of `alias`: the one way every list of the
 * API pages. The builder carries the caller's scope and filters; this adds order, cursor and limit.
 */
export async function newestFirstPage<E extends ObjectLiteral & { id: string; createdAt: Date }, T>(
  builder: SelectQueryBuilder<E>,
  alias: string,
  page: { limit?: number; cursor?: string },
  toItem: (entity: E) => T,
  timeColumn = 'created_at',
  idColumn = 'id',
): Promise<Page<T>> {
  const limit = page.limit ?? DEFAULT_PAGE_SIZE;
  afterCursor(builder, alias, page.cursor, timeColumn, idColumn);
  const rows = await builder
    .orderBy(`${alias}.${timeColumn}`, 'DESC')
    .addOrderBy(`${alias}.${idColumn}`, 'DESC')
    .limit(limit + 1)
    .getMany();
  const pageRows = rows.slice(0, limit);
  const last = pageRows[pageRows.length - 1];
  return {
    items: pageRows.map(toItem),
    nextCursor: rows.length > limit && last ? encodeCursor([last.createdAt.toISOString(), last.id]) : null,
  };
}

/**
 * The same page as newestFirstPage (same order, cursor and limit), but made into JSON by Postgres: each row
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
  afterCursor(builder, alias, page.cursor, timeColumn, idColumn);
  const [sql, parameters] = builder
    .select(`(${item})::text`, 'item')
    // The key as text, and only the last row's read as a Date (node-pg's own parser, as getMany does).
    .addSelect(`${alias}.${timeColumn}::text`, 'key_time')
    .addSelect(`${alias}.${idColumn}::text`, 'key_id')
    .orderBy(`${alias}.${timeColumn}`, 'DESC')
    .addOrderBy(`${alias}.${idColumn}`, 'DESC')
    .limit(limit + 1)
    .getQueryAndParameters();
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

/** Keyset condition: rows strictly after the cursor's (time, id) in newest-first order; 400 for a bad one. */
function afterCursor<E extends ObjectLiteral>(
  builder: SelectQueryBuilder<E>,
  alias: string,
  cursor: string | undefined,
  timeColumn: string,
  idColumn: string,
): void {
  if (!cursor) return;
  const [at, id] = decodeCursor(cursor, 2) ?? [];
  // A cursor that decodes but was not made here (edited by hand) is as bad as one that does not decode: a
  // 400, never a query Postgres refuses (a 500).
  if (!isCursorTime(at) || typeof id !== 'string' || !UUID.test(id))
    throw ProblemException.validation([{ field: 'cursor', message: 'cursor is not valid' }]);
  builder.andWhere(`(${alias}.${timeColumn}, ${alias}.${idColumn}) < (:cursorAt, :cursorId)`, {
    cursorAt: at,
    cursorId: id,
  });
}

/** The id column of every newest-first list is a uuid (rows' ids, the overview's tenant ids). */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
