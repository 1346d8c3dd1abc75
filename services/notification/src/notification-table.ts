/** `npm run notification-table`: writes the catalog's table (domain/notification-catalog.ts) into docs/notifications.md. */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { withCatalogTable } from './domain/catalog-table';

export const NOTIFICATIONS_DOC = path.resolve(__dirname, '..', '..', '..', '..', 'docs', 'notifications.md');

writeFileSync(NOTIFICATIONS_DOC, withCatalogTable(readFileSync(NOTIFICATIONS_DOC, 'utf8')));
process.stdout.write(`wrote the notification table of ${NOTIFICATIONS_DOC}\n`);
