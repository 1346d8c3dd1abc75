/** `npm run openapi`: writes the gateway's OpenAPI document to libs/api-client/openapi.json. */
import { writeFileSync } from 'node:fs';
import { buildPublishedDocument, documentText, publishedDocumentPath } from './published-document';

void buildPublishedDocument().then(
  (document) => {
    writeFileSync(publishedDocumentPath(), documentText(document));
    process.stdout.write(`wrote ${publishedDocumentPath()}\n`);
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
