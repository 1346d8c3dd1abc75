import { DEFAULT_PAGE_SIZE, ProblemException } from '@pac/bootstrap';
import { decodeCursor, encodeCursor, type Page } from '@pac/http-contracts';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';

/** The column a list is ordered and keyset-paged by: unique within the list, so the order is stable. */
export interface UniqueKey<E, K extends string | number> {
  column: string;
  order: 'ASC' | 'DESC';
  of: (row: E) => K;
  /** Whether a decoded cursor part can be this key (a forged one is a 400, never a failing query). */
  accepts: (part: string | number) => part is K;
}

/**
 * Releases newest version first; one release per version key. An environment's updates oldest version
 * first; one update per release and environment.
 */
export const versionKey = (order: 'ASC' | 'DESC'): UniqueKey<{ versionKey: number }, number> => ({
  column: 'version_key',
  order,
  of: (row) => row.versionKey,
  accepts: (part): part is number => typeof part === 'number' && Number.isInteger(part),
});

/** A tenant's environments by name (the primary key is tenant and name). */
export const environmentName: UniqueKey<{ name: string }, string> = {
  column: 'name',
  order: 'ASC',
  of: (row) => row.name,
  accepts: (part): part is string => typeof part === 'string',
};

/**
 * A page of a list of the lifecycle service that is not newest first (see newestFirstPage for those):
 * keyset-paged on one unique column of `alias`. The cursor is the shared opaque one (encodeCursor) holding
 * the last row's key; a bad one is a 400 naming `cursor`.
 */
export async function uniqueKeyPage<E extends ObjectLiteral, K extends string | number, T>(
  builder: SelectQueryBuilder<E>,
  alias: string,
  page: { limit?: number; cursor?: string },
  key: UniqueKey<E, K>,
  toItems: (rows: E[]) => T[] | Promise<T[]>,
): Promise<Page<T>> {
  const limit = page.limit ?? DEFAULT_PAGE_SIZE;
  if (page.cursor) {
    const [after] = decodeCursor(page.cursor, 1) ?? [];
    if (after === undefined || !key.accepts(after))
      throw ProblemException.validation([{ field: 'cursor', message: 'cursor is not valid' }]);
    builder.andWhere(`${alias}.${key.column} ${key.order === 'ASC' ? '>' : '<'} :cursorKey`, {
      cursorKey: after,
    });
  }
  const rows = await builder
    .orderBy(`${alias}.${key.column}`, key.order)
    .limit(limit + 1)
    .getMany();
  const pageRows = rows.slice(0, limit);
  const last = pageRows[pageRows.length - 1];
  return {
    items: await toItems(pageRows),
    nextCursor: rows.length > limit && last ? encodeCursor([key.of(last)]) : null,
  };
}
