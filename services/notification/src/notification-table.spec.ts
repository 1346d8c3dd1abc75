import { readFileSync } from 'node:fs';
import path from 'node:path';
import { withCatalogTable } from './domain/catalog-table';

describe('docs/notifications.md', () => {
  it('shows the notification catalog as it is (run `npm run notification-table` after changing a row)', () => {
    const document = readFileSync(
      path.resolve(__dirname, '..', '..', '..', 'docs', 'notifications.md'),
      'utf8',
    );
    expect(document).toBe(withCatalogTable(document));
  });
});
