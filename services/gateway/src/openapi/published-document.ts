import { existsSync } from 'node:fs';
import path from 'node:path';
import type { OpenAPIObject } from '@nestjs/swagger';
import { createLogger, createServiceApp, readConfig } from '@pac/bootstrap';
import { GatewayConfig } from '../gateway.config';
import { GatewayModule } from '../gateway.module';
import { buildOpenApiDocument } from './openapi';

/**
 * The OpenAPI document as the gateway serves it outside production, built without listening: no service,
 * broker or port is needed. `npm run openapi` writes it to libs/api-client (the typed client is generated from
 * it), and a unit test fails while the two differ.
 */
export async function buildPublishedDocument(): Promise<OpenAPIObject> {
  // The addresses are never used: nothing listens or connects while the document is built.
  const config = readConfig(GatewayConfig, {
    NODE_ENV: 'development',
    PORT: '3000',
    KAFKA_BROKERS: '127.0.0.1:9092',
  });
  if (!config.ok) throw new Error(`gateway configuration: ${config.problems.join('; ')}`);
  const logger = createLogger('gateway', 'silent');
  const app = await createServiceApp(GatewayModule.forConfig(config.config, logger), { logger });
  try {
    return buildOpenApiDocument(app);
  } finally {
    await app.close();
  }
}

/** The checked-in document, libs/api-client/openapi.json (found from the sources and from dist/ alike). */
export function publishedDocumentPath(): string {
  let dir = __dirname;
  while (!existsSync(path.join(dir, 'nx.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no repository root above ${__dirname}`);
    dir = parent;
  }
  return path.join(dir, 'libs', 'api-client', 'openapi.json');
}

/** Stable text: the same document gives the same bytes (two-space JSON and a final newline). */
export function documentText(document: OpenAPIObject): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}
