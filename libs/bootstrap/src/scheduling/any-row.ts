import type { DataSource } from 'typeorm';

/**
 * Whether `query` (a SELECT) finds a row, in one statement outside any transaction: the cheap answer a
 * clock-driven job's `hasWork` gives on its many idle ticks.
 */
export async function anyRow(
  dataSource: DataSource,
  query: string,
  parameters: unknown[] = [],
): Promise<boolean> {
  const [row] = (await dataSource.query(`SELECT EXISTS (${query}) AS found`, parameters)) as [
    { found: boolean },
  ];
  return row.found;
}
