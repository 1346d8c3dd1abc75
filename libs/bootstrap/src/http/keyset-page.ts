import { decodeCursor, encodeCursor, type Page } from '@pac/http-contracts';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { ProblemException } from './problem';

export const DEFAULT_PAGE_SIZE = 50;

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
  if (page.cursor) {
    const key = decodeCursor(page.cursor, 2);
    if (!key) throw ProblemException.validation([{ field: 'cursor', message: 'cursor is not valid' }]);
    builder.andWhere(`(${alias}.${timeColumn}, ${alias}.${idColumn}) < (:cursorAt, :cursorId)`, {
      cursorAt: key[0],
      cursorId: key[1],
    });
  }
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
