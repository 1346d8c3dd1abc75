import { updateRowsStatement } from './update-rows-by-id';

describe('updateRowsById', () => {
  it('sets each column from the rows given as a JSON record set, keyed by id', () => {
    expect(updateRowsStatement('operations', { status: 'text', completed_at: 'timestamptz' })).toBe(
      'UPDATE operations t SET status = r.status, completed_at = r.completed_at ' +
        'FROM jsonb_to_recordset($1::jsonb) AS r (id uuid, status text, completed_at timestamptz) WHERE t.id = r.id',
    );
  });

  it('refuses a name that is not a plain SQL identifier', () => {
    expect(() => updateRowsStatement('operations; DROP TABLE x', { status: 'text' })).toThrow(
      'not a plain SQL name',
    );
    expect(() => updateRowsStatement('operations', { 'status = 1': 'text' })).toThrow('not a plain SQL name');
  });
});
