import { DEFAULT_PAGE_SIZE, ProblemException } from '@pac/bootstrap';
import { decodeCursor, encodeCursor, type Page } from '@pac/http-contracts';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';

/**
 * A page of a list ordered by version (releases, an environment's updates): keyset-paged on `version_key`,
 * unique within each of these lists (one release per version key, one update per release and environment).
 * The cursor is the shared opaque one (encodeCursor) holding the last version key; a bad one is a 400 naming
 * `cursor`.
 */
export async function versionKeyPage<E extends ObjectLiteral & { versionKey: number }, T>(
  builder: SelectQueryBuilder<E>,
  alias: string,
  page: { limit?: number; cursor?: string },
  order: 'ASC' | 'DESC',
  toItems: (rows: E[]) => T[] | Promise<T[]>,
): Promise<Page<T>> {
  const limit = page.limit ?? DEFAULT_PAGE_SIZE;
  if (page.cursor) {
    const key = decodeCursor(page.cursor, 1);
    if (!key || typeof key[0] !== 'number' || !Number.isInteger(key[0]))
      throw ProblemException.validation([{ field: 'cursor', message: 'cursor is not valid' }]);
    builder.andWhere(`${alias}.version_key ${order === 'ASC' ? '>' : '<'} :cursorKey`, { cursorKey: key[0] });
  }
  const rows = await builder
    .orderBy(`${alias}.version_key`, order)
    .limit(limit + 1)
    .getMany();
  const pageRows = rows.slice(0, limit);
  const last = pageRows[pageRows.length - 1];
  return {
    items: await toItems(pageRows),
    nextCursor: rows.length > limit && last ? encodeCursor([last.versionKey]) : null,
  };
}
