import type { EntityManager } from 'typeorm';

/**
 * Writes many rows of one table in one statement, keyed by their uuid `id`: the one way the services save
 * a batch (a job's claimed rows, the several updates one decision changes). `columns` names each column written
 * with its SQL type (`{ status: 'text', completed_at: 'timestamptz' }`); each row gives its `id` and a value per
 * column, as JSON (a Date becomes its ISO text, an object a jsonb value).
 */
export async function updateRowsById(
  manager: EntityManager,
  table: string,
  columns: Readonly<Record<string, string>>,
  rows: readonly Record<string, unknown>[],
): Promise<void> {
  if (rows.length === 0) return;
  await manager.query(updateRowsStatement(table, columns), [JSON.stringify(rows)]);
}

/** The statement of updateRowsById; table and column names come from code, never from a request. */
export function updateRowsStatement(table: string, columns: Readonly<Record<string, string>>): string {
  const names = Object.keys(columns);
  for (const name of [table, ...names]) {
    if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a plain SQL name: ${JSON.stringify(name)}`);
  }
  const set = names.map((name) => `${name} = r.${name}`).join(', ');
  const types = ['id uuid', ...names.map((name) => `${name} ${columns[name]}`)].join(', ');
  return `UPDATE ${table} t SET ${set} FROM jsonb_to_recordset($1::jsonb) AS r (${types}) WHERE t.id = r.id`;
}
